package io.mdbldap.ldif.cli;

import io.mdbldap.conf.ConfigException;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -f FILE} option of every command that reads the configuration, as slapd's tools have it. */
public final class ConfigFile {
  @Option(names = "-f", required = true, paramLabel = "FILE",
      description = "The configuration file, in slapd.conf format (for example conf/slapd.conf).")
  private Path file;

  /** Reads the configuration; errors name the file and line. */
  public ServerConfig parse() throws ConfigException {
    return ConfigParser.parse(file);
  }
}
