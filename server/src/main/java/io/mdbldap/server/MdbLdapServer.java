package io.mdbldap.server;

import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.directory.DirectoryAssembly;
import io.mdbldap.server.protocol.LdapListeners;
import io.mdbldap.server.protocol.ServerKeyStore;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.server.core.api.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running mdbldap server: ApacheDS's directory service over one LMDB database per
 * {@code database mdb} section, answering LDAP on the configuration's listen URLs.
 *
 * <p>{@link #close()} stops the listeners first, then the directory service, which closes every
 * LMDB environment. Thread-safe; closing twice is harmless.
 */
public final class MdbLdapServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MdbLdapServer.class);

  private final ServerConfig config;
  private final DirectoryService directory;
  private LdapListeners listeners;
  private boolean closed;

  private MdbLdapServer(ServerConfig config, DirectoryService directory) {
    this.config = config;
    this.directory = directory;
  }

  /**
   * Opens the databases of {@code config} and starts the directory service, without listening yet:
   * {@link #listen()} starts answering LDAP. In between, {@link #directoryService()} may be used to
   * prepare data that clients must not see half-done.
   *
   * @throws StartupException if something does not start; nothing is left open then
   */
  public static MdbLdapServer open(ServerConfig config) throws StartupException {
    return new MdbLdapServer(config, DirectoryAssembly.start(config));
  }

  /** Opens the databases of {@code config} and listens: {@link #open} then {@link #listen}. */
  public static MdbLdapServer start(ServerConfig config) throws StartupException {
    MdbLdapServer server = open(config);
    try {
      server.listen();
    } catch (StartupException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Starts answering LDAP on the configuration's listen URLs.
   *
   * @throws StartupException if an address cannot be listened on
   * @throws IllegalStateException if the server was closed
   */
  public void listen() throws StartupException {
    listen(Optional.empty());
  }

  /**
   * As {@link #listen()}, the {@code ldaps://} URLs presenting the certificate in {@code keyStore}.
   *
   * @throws StartupException if an address cannot be listened on
   * @throws IllegalStateException if the server was closed
   */
  public synchronized void listen(Optional<ServerKeyStore> keyStore) throws StartupException {
    if (closed) {
      throw new IllegalStateException("the server is closed");
    }
    if (listeners == null) {
      listeners = LdapListeners.start(directory, config, keyStore);
    }
  }

  /** The ApacheDS directory service, for in-process use. */
  public DirectoryService directoryService() {
    return directory;
  }

  /** The addresses listened on, in the order of the listen URLs; empty before {@link #listen()}. */
  public synchronized List<InetSocketAddress> localAddresses() {
    return listeners == null ? List.of() : listeners.localAddresses();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (listeners != null) {
      listeners.close();
    }
    try {
      directory.shutdown();
    } catch (LdapException | RuntimeException e) {
      LOG.error("the directory service did not shut down cleanly: {}", StartupException.describe(e), e);
    }
  }
}
