package io.mdbldap.server.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The repository's shipped {@code conf/} directory (slapd.conf, schema files, example.ldif), and
 * private copies of it, so that a test's server keeps its LMDB files in the test's own directory.
 */
final class ShippedConf {
  static final Path DIRECTORY = Path.of("..", "conf").toAbsolutePath().normalize();
  static final String SUFFIX = "dc=example,dc=com";
  static final String ROOT_DN = "cn=admin,dc=example,dc=com";
  static final String ROOT_PW = "secret";
  /** The password of every user of example.ldif. */
  static final String USER_PW = "password";

  private ShippedConf() {}

  static Path slapdConf() {
    return DIRECTORY.resolve("slapd.conf");
  }

  /** An edit of slapd.conf's text: the global {@code sizelimit} set to {@code limit}. */
  static UnaryOperator<String> sizeLimit(String limit) {
    return text -> text.replaceFirst("(?m)^sizelimit\\s.*$", "sizelimit       " + limit);
  }

  static Path exampleLdif() {
    return DIRECTORY.resolve("example.ldif");
  }

  /**
   * Copies slapd.conf, with {@code edit} applied to its text, example.ldif and schema/ into
   * {@code directory}/conf (not the rest of conf/, which is also a Maven module) and returns the
   * copy of slapd.conf. Its relative {@code directory ../var/example} then points into
   * {@code directory}.
   */
  static Path copyTo(Path directory, UnaryOperator<String> edit) throws IOException {
    Path conf = Files.createDirectories(directory.resolve("conf"));
    Files.writeString(conf.resolve("slapd.conf"), edit.apply(Files.readString(slapdConf())));
    Files.copy(exampleLdif(), conf.resolve("example.ldif"));
    Path schema = Files.createDirectories(conf.resolve("schema"));
    try (Stream<Path> files = Files.list(DIRECTORY.resolve("schema"))) {
      for (Path file : files.toList()) {
        Files.copy(file, schema.resolve(file.getFileName()));
      }
    }
    return conf.resolve("slapd.conf");
  }
}
