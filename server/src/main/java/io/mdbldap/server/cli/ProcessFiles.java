package io.mdbldap.server.cli;

import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * slapd's {@code pidfile} and {@code argsfile}: the process id and the command line, written when
 * the server starts and removed when it stops, for init scripts and monitoring.
 */
final class ProcessFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessFiles.class);

  private ProcessFiles() {}

  static void write(ServerConfig config, List<String> args) throws StartupException {
    write(config.pidFile(), Long.toString(ProcessHandle.current().pid()));
    write(config.argsFile(), "mdbldap " + String.join(" ", args));
  }

  static void delete(ServerConfig config) {
    for (Optional<Path> file : List.of(config.pidFile(), config.argsFile())) {
      file.ifPresent(ProcessFiles::delete);
    }
  }

  private static void write(Optional<Path> file, String line) throws StartupException {
    if (file.isPresent()) {
      try {
        Files.writeString(file.get(), line + "\n");
      } catch (IOException e) {
        throw new StartupException("cannot write " + file.get(), e);
      }
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot remove {}: {}", file, e.getMessage());
    }
  }
}
