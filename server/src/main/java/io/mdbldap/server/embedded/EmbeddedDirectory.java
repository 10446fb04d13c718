package io.mdbldap.server.embedded;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.mdbldap.server.MdbLdapServer;
import io.mdbldap.server.StartupException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.directory.api.ldap.model.constants.AuthenticationLevel;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.LdapCoreSessionConnection;
import org.apache.directory.server.core.api.LdapPrincipal;
import org.apache.directory.server.core.api.partition.Partition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An mdbldap directory running inside this JVM, for tests: the same server as {@code mdbldap
 * serve}, on LMDB files in a temporary directory, listening on a free loopback port.
 *
 * <pre>{@code
 * try (EmbeddedDirectory ldap = EmbeddedDirectory.builder()
 *     .suffix("dc=example,dc=com").ldif("/people.ldif").start()) {
 *   LDAPConnection connection = ldap.connection();   // UnboundID SDK, bound as the rootdn
 *   ...
 *   ldap.reset();                                    // back to what people.ldif holds
 * }
 * }</pre>
 *
 * <p>The fixture (the LDIF files) is loaded as {@code mdbldap add} loads it, then the LMDB file
 * is copied aside; {@link #reset()} puts that copy back, in milliseconds. The schema of a set of
 * schema files is built once per JVM and shared.
 *
 * <p>Thread-safe. The JVM needs the flags of {@link JvmFlags#ARG_LINE}.
 */
public final class EmbeddedDirectory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDirectory.class);

  private final EmbeddedSetup setup;
  private final MdbLdapServer server;
  private final Partition partition;
  private final FixtureSnapshot fixture;
  private final Optional<SelfSignedKeyStore> tls;
  private boolean closed;

  private EmbeddedDirectory(EmbeddedSetup setup, MdbLdapServer server, Partition partition, FixtureSnapshot fixture,
      Optional<SelfSignedKeyStore> tls) {
    this.setup = setup;
    this.server = server;
    this.partition = partition;
    this.fixture = fixture;
    this.tls = tls;
  }

  /** Starts describing a directory; {@link EmbeddedDirectoryBuilder#start()} starts it. */
  public static EmbeddedDirectoryBuilder builder() {
    return new EmbeddedDirectoryBuilder();
  }

  static EmbeddedDirectory start(EmbeddedDirectoryBuilder builder) throws StartupException {
    long begin = System.nanoTime();
    EmbeddedSetup setup = EmbeddedSetup.prepare(builder);
    MdbLdapServer server = null;
    try {
      FixtureSnapshot fixture = setup.loadFixture();
      Optional<SelfSignedKeyStore> tls = setup.makeCertificate();
      server = MdbLdapServer.open(setup.config());
      Partition partition = partitionOf(server.directoryService(), setup.suffix());
      fixture.opened(partition);
      server.listen(tls.map(SelfSignedKeyStore::serverKeyStore));
      LOG.debug("embedded directory {} started in {} ms", setup.suffix(), millisSince(begin));
      return new EmbeddedDirectory(setup, server, partition, fixture, tls);
    } catch (StartupException | RuntimeException e) {
      if (server != null) {
        server.close();
      }
      setup.discard();
      throw e;
    }
  }

  private static Partition partitionOf(DirectoryService directory, Dn suffix) {
    return directory.getPartitions().stream()
        .filter(p -> suffix.equals(p.getSuffixDn()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no partition serves " + suffix));
  }

  /** The {@code ldap://} port. */
  public int port() {
    return server.localAddresses().get(0).getPort();
  }

  /** {@code ldap://127.0.0.1:<port>}. */
  public String url() {
    return "ldap://127.0.0.1:" + port();
  }

  /**
   * The {@code ldaps://} port.
   *
   * @throws IllegalStateException if the directory was not built with {@code ldaps(...)}
   */
  public int ldapsPort() {
    requireTls();
    return server.localAddresses().get(1).getPort();
  }

  /** {@code ldaps://127.0.0.1:<port>}; see {@link #ldapsPort()}. */
  public String ldapsUrl() {
    return "ldaps://127.0.0.1:" + ldapsPort();
  }

  /**
   * A TLS context trusting the directory's generated certificate, and nothing else: for clients
   * of {@link #ldapsUrl()}.
   *
   * @throws IllegalStateException if the directory was not built with {@code ldaps(...)}
   */
  public SSLContext clientSslContext() {
    return requireTls().clientContext();
  }

  /** The suffix served. */
  public String suffix() {
    return setup.suffix().getName();
  }

  /** The rootdn, which may do anything. */
  public String rootDn() {
    return setup.rootDn().getName();
  }

  /** The rootdn's password. */
  public String password() {
    return setup.password();
  }

  /** Where the LMDB files are. */
  public Path directory() {
    return setup.directory();
  }

  /**
   * A new UnboundID SDK connection to {@link #url()}, bound as the rootdn; the caller closes it.
   * Needs {@code com.unboundid:unboundid-ldapsdk} on the class path.
   */
  public LDAPConnection connection() throws LDAPException {
    return UnboundIdConnections.plain(port(), rootDn(), password());
  }

  /** As {@link #connection()}, not bound: anonymous. */
  public LDAPConnection anonymousConnection() throws LDAPException {
    return UnboundIdConnections.plain(port(), null, null);
  }

  /** As {@link #connection()}, over {@link #ldapsUrl()}, trusting the directory's certificate. */
  public LDAPConnection ldapsConnection() throws LDAPException {
    return UnboundIdConnections.tls(clientSslContext(), ldapsPort(), rootDn(), password());
  }

  /**
   * A session inside the JVM, as the rootdn, through the Apache LDAP API's client interface:
   * every operation goes through the server's full processing (schema checks, operational
   * attributes, access), but no socket or encoding, for fast set-up and assertions.
   */
  public LdapConnection session() {
    try {
      DirectoryService directory = server.directoryService();
      return new LdapCoreSessionConnection(directory.getSession(
          new LdapPrincipal(directory.getSchemaManager(), setup.rootDn(), AuthenticationLevel.SIMPLE)));
    } catch (LdapException e) {
      throw new IllegalStateException("cannot open a session as " + rootDn() + ": " + e.getMessage(), e);
    }
  }

  /** The ApacheDS directory service, for what the other methods do not offer. */
  public DirectoryService directoryService() {
    return server.directoryService();
  }

  /**
   * Puts the database back as the fixture left it: what was written since the start or the last
   * reset is gone. Takes milliseconds (nothing when nothing was written); operations arriving
   * meanwhile wait. Searches still being read across a reset fail.
   *
   * @throws IllegalStateException if the directory is closed or the database cannot be reopened
   */
  public synchronized void reset() {
    if (closed) {
      throw new IllegalStateException("the embedded directory " + suffix() + " is closed");
    }
    long begin = System.nanoTime();
    try {
      if (fixture.restore(partition, server.directoryService().getOperationManager())) {
        LOG.debug("{} reset to its fixture in {} ms", suffix(), millisSince(begin));
      }
    } catch (LdapException e) {
      throw new IllegalStateException("cannot reset " + suffix() + " in " + directory() + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server and closes the database; removes the temporary directory, if it made one. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    setup.discard();
  }

  private SelfSignedKeyStore requireTls() {
    return tls.orElseThrow(() -> new IllegalStateException(
        "the embedded directory " + suffix() + " has no ldaps:// listener: build it with ldaps(0)"));
  }

  private static long millisSince(long begin) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
  }
}
