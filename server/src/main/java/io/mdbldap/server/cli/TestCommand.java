package io.mdbldap.server.cli;

import io.mdbldap.conf.ConfigException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mdbldap test}: checks a configuration file, as slaptest does. */
@Command(name = "test", separator = " ", description = "Checks the configuration file and its includes, as slaptest does; "
    + "exits with 0 if it is valid, 1 with the first error as file:line: message.")
final class TestCommand implements Callable<Integer> {
  @Mixin
  ConfigFileOption config;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws ConfigException {
    config.parse();
    spec.commandLine().getErr().println("config file testing succeeded");
    return 0;
  }
}
