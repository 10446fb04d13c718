package io.mdbldap.server.embedded;

import io.mdbldap.conf.ConnectionLimits;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.Limits;
import io.mdbldap.conf.Security;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.conf.TlsFiles;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.server.StartupException;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.slf4j.event.Level;

/**
 * The files and configuration of one embedded directory, from its builder: the working
 * directory ({@code db/} the database, {@code system/} ApacheDS's {@code ou=system}, {@code
 * fixture/} the copy {@code reset()} restores, {@code tls/} the certificate), and the {@link
 * ServerConfig} a slapd.conf with one {@code database mdb} section would give.
 */
final class EmbeddedSetup {
  /** The LMDB map may grow to this; the file holds only what is used. */
  private static final long MAX_SIZE = 1L << 30;

  private final EmbeddedDirectoryBuilder builder;
  private final Path directory;
  private final boolean temporary;
  private final SchemaManager schema;
  private final DatabaseConfig database;

  private EmbeddedSetup(EmbeddedDirectoryBuilder builder, Path directory, boolean temporary, SchemaManager schema,
      DatabaseConfig database) {
    this.builder = builder;
    this.directory = directory;
    this.temporary = temporary;
    this.schema = schema;
    this.database = database;
  }

  static EmbeddedSetup prepare(EmbeddedDirectoryBuilder builder) throws StartupException {
    SchemaManager schema = SchemaCache.schema(builder.schema);
    Dn suffix = dn(schema, builder.suffix, "suffix");
    Dn rootDn = dn(schema, builder.rootDnOrDefault(), "rootdn");
    if (!rootDn.isDescendantOf(suffix)) {
      throw new StartupException("the rootdn " + rootDn + " is not within the suffix " + suffix);
    }
    Path directory = workingDirectory(builder);
    // Tests need no durability: commits skip the flush to disk (dbnosync).
    DatabaseConfig database = new DatabaseConfig(suffix, Optional.of(rootDn), Optional.of(builder.password),
        directory.resolve("db"), MAX_SIZE, builder.indexes, unlimited(), false, DatabaseConfig.DEFAULT_MAX_READERS,
        true, Optional.empty(), List.of());
    return new EmbeddedSetup(builder, directory, builder.directory.isEmpty(), schema, database);
  }

  private static Path workingDirectory(EmbeddedDirectoryBuilder builder) throws StartupException {
    try {
      return builder.directory.isPresent() ? Files.createDirectories(builder.directory.get())
          : Files.createTempDirectory("mdbldap-embedded-");
    } catch (IOException e) {
      throw new StartupException("cannot create the directory of the embedded directory", e);
    }
  }

  private static Limits unlimited() {
    // Unlike slapd's 500 entries, as UnboundID's in-memory server: a test may read its whole fixture.
    return new Limits(Limits.UNLIMITED, Limits.UNLIMITED);
  }

  private static Dn dn(SchemaManager schema, String dn, String what) throws StartupException {
    try {
      return new Dn(schema, dn);
    } catch (LdapInvalidDnException e) {
      throw new StartupException("invalid " + what + " \"" + dn + "\"", e);
    }
  }

  /**
   * Loads the fixture into a database with no data yet (a kept directory may have some), then
   * copies it aside for {@code reset()}.
   */
  FixtureSnapshot loadFixture() throws StartupException {
    Path db = database.directory();
    if (!Files.exists(db.resolve("data.mdb"))) {
      if (builder.ldif.isEmpty()) {
        createEmpty();
      } else {
        FixtureImport.load(database, schema, builder.ldif);
      }
    }
    try {
      return FixtureSnapshot.take(db, directory.resolve("fixture"));
    } catch (IOException e) {
      throw new StartupException("cannot copy the fixture of " + db, e);
    }
  }

  private void createEmpty() throws StartupException {
    try {
      MdbStore.open(StoreConfigs.of(database), schema).close();
    } catch (StoreException e) {
      throw new StartupException("cannot create the database in " + database.directory(), e);
    }
  }

  /** The certificate of the {@code ldaps://} listener, if one was asked for. */
  Optional<SelfSignedKeyStore> makeCertificate() throws StartupException {
    if (builder.ldapsPort.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(SelfSignedKeyStore.create(directory.resolve("tls").resolve("server.p12")));
  }

  ServerConfig config() {
    List<URI> listen = new ArrayList<>();
    listen.add(URI.create("ldap://127.0.0.1:" + builder.port));
    builder.ldapsPort.ifPresent(port -> listen.add(URI.create("ldaps://127.0.0.1:" + port)));
    return new ServerConfig(directory.resolve("embedded.conf"), listen, Level.WARN, unlimited(),
        ConnectionLimits.DEFAULT, Optional.empty(), Optional.empty(), TlsFiles.NONE, Security.DEFAULT, List.of(),
        List.of(database), schema);
  }

  Dn suffix() {
    return database.suffix();
  }

  Dn rootDn() {
    return database.rootDn().orElseThrow();
  }

  String password() {
    return builder.password;
  }

  Path directory() {
    return directory;
  }

  /** Removes the working directory if it is a temporary one. */
  void discard() {
    if (temporary) {
      TempDirectories.deleteQuietly(directory);
    }
  }
}
