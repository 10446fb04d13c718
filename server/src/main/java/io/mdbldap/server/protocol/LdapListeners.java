package io.mdbldap.server.protocol;

import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.StartupException;
import io.mdbldap.store.dn.DnParser;
import io.mdbldap.server.access.Databases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.ldap.LdapServer;
import org.apache.directory.server.ldap.handlers.extended.StartTlsHandler;
import org.apache.directory.server.ldap.handlers.response.BindResponseHandler;
import org.apache.directory.server.ldap.handlers.response.SearchResultDoneHandler;
import org.apache.directory.server.ldap.handlers.response.SearchResultEntryHandler;
import org.apache.directory.server.ldap.handlers.response.SearchResultReferenceHandler;
import org.apache.directory.server.protocol.shared.transport.TcpTransport;
import org.apache.directory.server.protocol.shared.transport.Transport;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP side of the server: ApacheDS's {@link LdapServer} on the configuration's listen URLs,
 * with slapd's limits ({@link SearchLimits}, {@link ConnectionGuard}, {@link NestingGuard}),
 * slapd's answers to invalid UTF-8 ({@link InvalidUtf8}), the extended operations slapd offers
 * (Who am I?, Password Modify), and results corrected where ApacheDS's answers differ from
 * slapd's ({@link SlapdResults}). Paged results, server-side sorting and persistent search are
 * ApacheDS's own, on by default.
 *
 * <p>With a server certificate configured ({@code TLSCertificateFile} and {@code TLSCertificateKeyFile}, PEM),
 * {@code ldaps://} URLs speak TLS from the start and {@code ldap://} ones offer StartTLS; only TLS 1.2 and 1.3 are
 * negotiated. Client certificates are not requested, so {@code TLSCACertificateFile} is not used. With
 * {@code security simple_bind=<n>}, simple binds need TLS ({@link SimpleBindHandler}).
 *
 * <p>Thread-safe: {@link #close()} may run on a shutdown hook.
 */
public final class LdapListeners implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LdapListeners.class);
  /**
   * Threads running the LDAP operations that may wait or take long ({@link OperationDispatch}), per listen URL,
   * and as many MINA I/O threads, which decode, answer the short requests and send: ApacheDS's default of 3
   * idles cores under load.
   */
  private static final int OPERATION_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  private static final int BACKLOG = 128;
  /** How long a stop waits for operations already running before the databases close under them. */
  private static final long DRAIN_SECONDS = 5;
  /** TLS 1.0 and 1.1 are deprecated (RFC 8996). */
  static final List<String> TLS_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final LdapServer server;
  /** In listen order: ApacheDS keeps its transports in a hash set. */
  private final List<Transport> transports;

  private LdapListeners(LdapServer server, List<Transport> transports) {
    this.server = server;
    this.transports = transports;
  }

  /**
   * Starts listening on {@code config}'s URLs, serving {@code directory}.
   *
   * @throws StartupException if a URL cannot be served or an address is already in use
   */
  public static LdapListeners start(DirectoryService directory, ServerConfig config) throws StartupException {
    return start(directory, config, Optional.empty());
  }

  /**
   * As {@link #start(DirectoryService, ServerConfig)}; without TLS files in {@code config}, TLS
   * ({@code ldaps://}, StartTLS) presents the certificate of {@code keyStore} (the embedded
   * directory's generated one).
   *
   * @throws StartupException if a URL cannot be served or an address is already in use
   */
  public static LdapListeners start(DirectoryService directory, ServerConfig config, Optional<ServerKeyStore> keyStore)
      throws StartupException {
    for (URI url : config.listen()) {
      checkFree(url);
    }
    KeyManagerFactory keys = keyManagers(config, keyStore);
    LdapServer server = new CertificateServer(keys);
    server.setDirectoryService(directory);
    List<Transport> transports = config.listen().stream().map(LdapListeners::transport).map(Transport.class::cast)
        .toList();
    server.setTransports(transports.toArray(Transport[]::new));
    // No client certificate is asked for, so none to verify; ApacheDS would otherwise load the
    // JDK's CA certificates, a third of a second at every start.
    server.setTrustManagers(new TrustManager[0]);
    // SearchLimits applies sizelimit and timelimit per database and spares the rootdn, which
    // ApacheDS's server-wide limits cannot; an unlimited time would let ApacheDS time out at once
    // (it takes a client's time limit above a zero maximum as the maximum), so the most there is.
    server.setMaxSizeLimit(LdapServer.NO_SIZE_LIMIT);
    server.setMaxTimeLimit(Integer.MAX_VALUE);
    // The decoder reads its limit from here; ConnectionGuard raises it for bound connections.
    directory.setMaxPDUSize(config.connectionLimits().maxIncoming());
    DnParser dns = new DnParser(directory.getSchemaManager());
    server.setBindHandlers(new SimpleBindHandler(config.security().simpleBindNeedsTls(), dns),
        new BindResponseHandler());
    // One native search for the handler and the dispatch: a filter the dispatch normalized for a search's start is
    // the one the handler runs.
    NativeSearch natives = new NativeSearch(directory);
    DirectSearchHandler searches = new DirectSearchHandler(directory, natives);
    server.setSearchHandlers(searches, new SearchResultEntryHandler(), new SearchResultReferenceHandler(),
        new SearchResultDoneHandler());
    searches.attach(server);
    try {
      server.addExtendedOperationHandler(new WhoAmIHandler());
      server.addExtendedOperationHandler(new PasswordModifyHandler());
      if (keys != null) {
        server.addExtendedOperationHandler(new StartTlsHandler());
      }
      server.start();
      addFilters(server, config, directory, dns, natives);
    } catch (Exception e) {
      stopQuietly(server);
      throw new StartupException("cannot listen on " + config.listen(), e);
    }
    return new LdapListeners(server, transports);
  }

  /** The addresses actually bound, in listen order: with port 0, the ports the system chose. */
  public List<InetSocketAddress> localAddresses() {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (Transport transport : transports) {
      addresses.add((InetSocketAddress) transport.getAcceptor().getLocalAddress());
    }
    return addresses;
  }

  /** The connections open now, on every listen URL: for tests that look at one connection's write queue. */
  List<IoSession> sessions() {
    List<IoSession> sessions = new ArrayList<>();
    for (Transport transport : transports) {
      sessions.addAll(transport.getAcceptor().getManagedSessions().values());
    }
    return sessions;
  }

  /**
   * Stops accepting connections, sends clients a notice of disconnection, and waits a little for
   * the operations already running, so that they end before the databases close.
   */
  @Override
  public void close() {
    List<OperationDispatch> dispatches = dispatches();
    server.stop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    // MINA's executor never reports termination after shutdownNow(): watch the running operations instead.
    while (dispatches.stream().anyMatch(OperationDispatch::busy)) {
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
    TcpTransport transport = new TcpTransport(url.getHost(), url.getPort(), OPERATION_THREADS, BACKLOG);
    transport.setEnableSSL(url.getScheme().equals("ldaps"));
    transport.setEnabledProtocols(TLS_PROTOCOLS);
    return transport;
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

  /**
   * The key managers TLS presents: the configuration's PEM files, else the given key store; none
   * (and so no StartTLS) without either, when an {@code ldaps://} URL cannot be served.
   */
  private static KeyManagerFactory keyManagers(ServerConfig config, Optional<ServerKeyStore> keyStore)
      throws StartupException {
    if (config.tls().hasServerCertificate()) {
      return ServerCertificate.keyManagers(config.tls());
    }
    if (keyStore.isPresent()) {
      return keyStore.get().keyManagers();
    }
    if (config.listen().stream().anyMatch(url -> url.getScheme().equals("ldaps"))) {
      throw new StartupException(config.file() + ": ldaps:// needs TLSCertificateFile and TLSCertificateKeyFile");
    }
    return null;
  }

  /**
   * Connections get their filters from the acceptor's chain, which {@code start()} has just built:
   * codec, executor, then ApacheDS's handler. Before the codec go the {@link NestingGuard}, then
   * {@link RequestFraming}. One guard counts the connections of every URL. ApacheDS's
   * executor, which has not run anything yet, gives way to an {@link OperationDispatch} of the same name,
   * and its codec to our {@link LdapCodec}.
   */
  private static void addFilters(LdapServer server, ServerConfig config, DirectoryService directory, DnParser dns,
      NativeSearch natives) {
    ConnectionGuard guard = new ConnectionGuard(server, config.connectionLimits());
    SlapdResults results = new SlapdResults(List.of(new ConciseDiagnostics(), new MatchedDns(directory),
        new UndefinedAttributeTypes(directory.getSchemaManager()), new BindDnSyntax()));
    SearchLimits limits = new SearchLimits(server, dns, Databases.of(config.databases()), config.limits(),
        config.connectionLimits().maxFilterDepth());
    ProtocolCodecFilter codec = new ProtocolCodecFilter(new LdapCodec(server.getProtocolCodecFactory()));
    ShortSearches shortSearches = new ShortSearches(directory, dns, natives);
    for (Transport transport : server.getTransports()) {
      var chain = transport.getAcceptor().getFilterChain();
      var replaced = (ExecutorFilter) chain.replace(OperationDispatch.NAME,
          new OperationDispatch(OPERATION_THREADS, shortSearches));
      ((ThreadPoolExecutor) replaced.getExecutor()).shutdownNow();
      chain.replace(LdapCodec.NAME, codec);
      chain.addAfter(LdapCodec.NAME, SlapdResults.NAME, results);
      chain.addAfter(LdapCodec.NAME, ConnectionGuard.NAME, guard);
      chain.addAfter(ConnectionGuard.NAME, InvalidUtf8.NAME, new InvalidUtf8(config.schemaManager()));
      chain.addBefore(LdapCodec.NAME, NestingGuard.NAME, new NestingGuard(config.connectionLimits().maxFilterDepth()));
      chain.addBefore(LdapCodec.NAME, RequestFraming.NAME, new RequestFraming());
      chain.addAfter(OperationDispatch.NAME, SearchLimits.NAME, limits);
      chain.addBefore(OperationDispatch.NAME, WriteBackpressure.NAME, new WriteBackpressure());
    }
  }

  private List<OperationDispatch> dispatches() {
    List<OperationDispatch> dispatches = new ArrayList<>();
    for (Transport transport : server.getTransports()) {
      if (transport.getAcceptor().getFilterChain().get(OperationDispatch.NAME) instanceof OperationDispatch dispatch) {
        dispatches.add(dispatch);
      }
    }
    return dispatches;
  }

  /**
   * ApacheDS's server, presenting the configured certificate: it reads certificates only from a key store file,
   * and every TLS path (ldaps://, StartTLS) takes its key managers from {@link #getKeyManagerFactory()}.
   */
  private static final class CertificateServer extends LdapServer {
    private final KeyManagerFactory keys;

    CertificateServer(KeyManagerFactory keys) {
      this.keys = keys;
    }

    @Override
    public KeyManagerFactory getKeyManagerFactory() {
      return keys != null ? keys : super.getKeyManagerFactory();
    }
  }
}
