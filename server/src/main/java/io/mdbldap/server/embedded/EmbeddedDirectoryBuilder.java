package io.mdbldap.server.embedded;

import io.mdbldap.server.StartupException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link EmbeddedDirectory} serves and how. Defaults: suffix {@code dc=example,dc=com},
 * rootdn {@code cn=admin,} plus the suffix, password {@code secret}, no fixture, ApacheDS's
 * built-in schemas plus nis, an {@code objectClass} equality index, {@code ldap://127.0.0.1} on a
 * free port, no {@code ldaps://}, and a temporary directory removed on close.
 *
 * <p>Not thread-safe; {@link #start()} may be called more than once, for servers alike.
 */
public final class EmbeddedDirectoryBuilder {
  String suffix = "dc=example,dc=com";
  String rootDn;
  String password = "secret";
  final List<FileSource> ldif = new ArrayList<>();
  final List<FileSource> schema = new ArrayList<>();
  final Map<String, Set<String>> indexes = new LinkedHashMap<>();
  int port;
  Optional<Integer> ldapsPort = Optional.empty();
  Optional<Path> directory = Optional.empty();

  EmbeddedDirectoryBuilder() {
    index("objectClass", "eq");
  }

  /** The naming context served, such as {@code dc=example,dc=com}. */
  public EmbeddedDirectoryBuilder suffix(String suffix) {
    this.suffix = Objects.requireNonNull(suffix, "suffix");
    return this;
  }

  /** The DN that may do anything, within the suffix; {@code cn=admin,<suffix>} by default. */
  public EmbeddedDirectoryBuilder rootDn(String rootDn) {
    this.rootDn = Objects.requireNonNull(rootDn, "rootDn");
    return this;
  }

  /** The rootdn's password, plain or hashed ({@code {SSHA}...}); {@code secret} by default. */
  public EmbeddedDirectoryBuilder password(String password) {
    this.password = Objects.requireNonNull(password, "password");
    return this;
  }

  /** Adds an LDIF file of entries to the fixture, loaded at start and restored by {@code reset()}. */
  public EmbeddedDirectoryBuilder ldif(Path file) {
    ldif.add(FileSource.of(file));
    return this;
  }

  /** Adds an LDIF class path resource to the fixture, such as {@code "/people.ldif"}. */
  public EmbeddedDirectoryBuilder ldif(String classpathResource) {
    ldif.add(FileSource.resource(classpathResource));
    return this;
  }

  /**
   * Adds schema definitions: an OpenLDAP {@code .schema} file, or an LDIF file ({@code .ldif})
   * holding a subschema entry ({@code attributeTypes}, {@code objectClasses}) or OpenLDAP's
   * {@code cn=config} form ({@code olcAttributeTypes}...). Definitions ApacheDS has built in are
   * kept as ApacheDS defines them.
   */
  public EmbeddedDirectoryBuilder schema(Path file) {
    schema.add(FileSource.of(file));
    return this;
  }

  /** As {@link #schema(Path)}, from a class path resource. */
  public EmbeddedDirectoryBuilder schema(String classpathResource) {
    schema.add(FileSource.resource(classpathResource));
    return this;
  }

  /**
   * Indexes {@code attribute} with {@code kinds}, as slapd.conf's {@code index} line: {@code eq},
   * {@code pres}, {@code sub}, {@code approx}, {@code ordering}. Indices make searches faster,
   * never different.
   */
  public EmbeddedDirectoryBuilder index(String attribute, String... kinds) {
    Set<String> set = indexes.computeIfAbsent(attribute.toLowerCase(Locale.ROOT), a -> new LinkedHashSet<>());
    for (String kind : kinds) {
      set.add(kind.toLowerCase(Locale.ROOT));
    }
    return this;
  }

  /** The {@code ldap://} port on 127.0.0.1; 0, the default, lets the system choose a free one. */
  public EmbeddedDirectoryBuilder port(int port) {
    this.port = checkPort(port);
    return this;
  }

  /**
   * Also listens on {@code ldaps://127.0.0.1:port} (0: a free port), with a self-signed
   * certificate made at start; {@link EmbeddedDirectory#clientSslContext()} trusts it.
   */
  public EmbeddedDirectoryBuilder ldaps(int port) {
    this.ldapsPort = Optional.of(checkPort(port));
    return this;
  }

  /**
   * Keeps the databases in {@code directory}, created if missing and kept on close, rather than
   * in a temporary directory. The fixture is loaded only into a database that has no data yet.
   */
  public EmbeddedDirectoryBuilder directory(Path directory) {
    this.directory = Optional.of(directory.toAbsolutePath());
    return this;
  }

  /**
   * Starts the directory: builds (or reuses) the schema, loads the fixture, opens the database
   * and listens.
   *
   * @throws StartupException if something does not start; nothing is left open or behind then
   * @throws IllegalStateException if the JVM lacks the flags lmdbjava needs ({@link JvmFlags})
   */
  public EmbeddedDirectory start() throws StartupException {
    JvmFlags.requireLmdbAccess();
    return EmbeddedDirectory.start(this);
  }

  String rootDnOrDefault() {
    return rootDn != null ? rootDn : "cn=admin," + suffix;
  }

  private static int checkPort(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
    return port;
  }
}
