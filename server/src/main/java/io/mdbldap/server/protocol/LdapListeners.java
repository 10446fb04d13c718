package io.mdbldap.server.protocol;

import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.StartupException;
import io.mdbldap.server.access.Databases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManager;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;
import org.apache.directory.server.protocol.shared.transport.Transport;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP side of the server: ApacheDS's {@link LdapServer} on the configuration's listen URLs,
 * with slapd's limits ({@link SearchLimits}, {@link ConnectionGuard}, {@link NestingGuard}),
 * slapd's answers to invalid UTF-8 ({@link InvalidUtf8}), and the extended operations slapd
 * offers (Who am I?, Password Modify). Paged results, server-side sorting and persistent search
 * are ApacheDS's own, on by default.
 *
 * <p>Thread-safe: {@link #close()} may run on a shutdown hook.
 */
public final class LdapListeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LdapListeners.class);
  /** Threads running LDAP operations per listen URL; ApacheDS's default of 3 idles cores under load. */
  private static final int OPERATION_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final int BACKLOG = 128;
  /** How long a stop waits for operations already running before the databases close under them. */
  private static final long DRAIN_SECONDS = 5;

  private final LdapServer server;

  private LdapListeners(LdapServer server) {
    this.server = server;
  }

  /**
   * Starts listening on {@code config}'s URLs, serving {@code directory}.
   *
   * @throws StartupException if a URL cannot be served or an address is already in use
   */
  public static LdapListeners start(DirectoryService directory, ServerConfig config) throws StartupException {
    checkNoTls(config);
    for (URI url : config.listen()) {
      checkFree(url);
    }
    LdapServer server = new LdapServer();
    server.setDirectoryService(directory);
    server.setTransports(config.listen().stream().map(LdapListeners::transport).toArray(Transport[]::new));
    // No TLS, so no client certificate to verify; ApacheDS would otherwise load the JDK's CA
    // certificates, a third of a second at every start.
    server.setTrustManagers(new TrustManager[0]);
    // SearchLimits applies sizelimit and timelimit per database and spares the rootdn, which
    // ApacheDS's server-wide limits cannot; an unlimited time would let ApacheDS time out at once
    // (it takes a client's time limit above a zero maximum as the maximum), so the most there is.
    server.setMaxSizeLimit(LdapServer.NO_SIZE_LIMIT);
    server.setMaxTimeLimit(Integer.MAX_VALUE);
    // The decoder reads its limit from here; ConnectionGuard raises it for bound connections.
    directory.setMaxPDUSize(config.connectionLimits().maxIncoming());
    try {
      server.addExtendedOperationHandler(new WhoAmIHandler());
      server.addExtendedOperationHandler(new PasswordModifyHandler());
      server.start();
      addFilters(server, config);
    } catch (Exception e) {
      stopQuietly(server);
      throw new StartupException("cannot listen on " + config.listen(), e);
    }
    return new LdapListeners(server);
  }

  /** The addresses actually bound, in listen order: with port 0, the ports the system chose. */
  public List<InetSocketAddress> localAddresses() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (Transport transport : server.getTransports()) {
      addresses.add((InetSocketAddress) transport.getAcceptor().getLocalAddress());
    }
    return addresses;
  }

  /**
   * Stops accepting connections, sends clients a notice of disconnection, and waits a little for
   * the operations already running, so that they end before the databases close.
   */
  @Override
  public void close() {
    List<ThreadPoolExecutor> executors = executors();
    server.stop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    // MINA's executor never reports termination after shutdownNow(): watch the running tasks instead.
    while (executors.stream().anyMatch(executor -> executor.getActiveCount() > 0)) {
      if (System.nanoTime() > deadline) {
        LOG.warn("LDAP operations still running {} s after the stop", DRAIN_SECONDS);
        return;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Undoes a start that failed half-way: transports not reached yet have no acceptor to stop. */
  private static void stopQuietly(LdapServer server) {
    try {
      server.stop();
    } catch (RuntimeException e) {
      LOG.debug("stopping after a failed start: {}", e.toString());
    }
  }

  private static TcpTransport transport(URI url) {
    return new TcpTransport(url.getHost(), url.getPort(), OPERATION_THREADS, BACKLOG);
  }

  /**
   * Reports an address in use in one line; ApacheDS would log a stack trace first. Another process
   * may still take the address before ApacheDS binds it: that case gets ApacheDS's report.
   */
  private static void checkFree(URI url) throws StartupException {
    if (url.getPort() == 0) {
      return;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(url.getHost(), url.getPort()));
    } catch (IOException e) {
      throw new StartupException("cannot listen on " + url + ": " + e.getMessage());
    }
  }

  private static void checkNoTls(ServerConfig config) throws StartupException {
    boolean ldaps = config.listen().stream().anyMatch(url -> url.getScheme().equals("ldaps"));
    if (ldaps || config.tls().hasServerCertificate()) {
      throw new StartupException(config.file() + ": TLS (ldaps:// and the TLS certificate files) is not "
          + "supported by the server yet: listen on ldap:// URLs only");
    }
  }

  /**
   * Connections get their filters from the acceptor's chain, which {@code start()} has just built:
   * codec, executor, then ApacheDS's handler. One guard counts the connections of every URL.
   */
  private static void addFilters(LdapServer server, ServerConfig config) {
    ConnectionGuard guard = new ConnectionGuard(server, config.connectionLimits());
    SearchLimits limits = new SearchLimits(server, Databases.of(config.databases()), config.limits(),
        config.schemaManager(), config.connectionLimits().maxFilterDepth());
    for (Transport transport : server.getTransports()) {
      var chain = transport.getAcceptor().getFilterChain();
      chain.addAfter("codec", ConciseDiagnostics.NAME, new ConciseDiagnostics());
      chain.addAfter("codec", ConnectionGuard.NAME, guard);
      chain.addAfter(ConnectionGuard.NAME, InvalidUtf8.NAME, new InvalidUtf8(config.schemaManager()));
      chain.addBefore("codec", NestingGuard.NAME, new NestingGuard(config.connectionLimits().maxFilterDepth()));
      chain.addAfter("executor", SearchLimits.NAME, limits);
    }
  }

  private List<ThreadPoolExecutor> executors() {
    List<ThreadPoolExecutor> executors = new ArrayList<>();
    for (Transport transport : server.getTransports()) {
      IoFilter filter = transport.getAcceptor().getFilterChain().get("executor");
      if (filter instanceof ExecutorFilter executorFilter
          && executorFilter.getExecutor() instanceof ThreadPoolExecutor executor) {
        executors.add(executor);
      }
    }
    return executors;
  }
}
