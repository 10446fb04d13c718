package io.mdbldap.server.protocol;

import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.MdbLdapServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.mina.core.session.IoSession;

/**
 * A server behind our own {@link LdapListeners} rather than {@code server.listen()}: the listeners are what
 * show a connection's MINA session, its filter chain and write queue, to the protocol tests.
 */
final class ListeningServer implements AutoCloseable {
  /** What a test puts in the directory before the listeners start. */
  @FunctionalInterface
  interface Fill {
    void into(DirectoryService service) throws Exception;
  }

  private final MdbLdapServer server;
  private final LdapListeners listeners;

  private ListeningServer(MdbLdapServer server, LdapListeners listeners) {
    this.server = server;
    this.listeners = listeners;
  }

  /**
   * A server on a slapd.conf written into {@code directory}: an include of each named file of the shipped
   * conf/schema, a listener on a free loopback port, then {@code lines}, which end in the section of a database whose
   * files go in {@code directory}/db.
   */
  static ListeningServer start(Path directory, List<String> schemas, List<String> lines, Fill fill) throws Exception {
    Path db = Files.createDirectories(directory.resolve("db"));
    Path shipped = Path.of("..", "conf", "schema").toAbsolutePath().normalize();
    List<String> conf = new ArrayList<>();
    schemas.forEach(schema -> conf.add("include " + shipped.resolve(schema)));
    conf.add("listen ldap://127.0.0.1:0");
    conf.addAll(lines);
    conf.add("directory " + db);
    conf.add("");
    return start(ConfigParser.parse(Files.writeString(directory.resolve("slapd.conf"), String.join("\n", conf))), fill);
  }

  static ListeningServer start(ServerConfig config, Fill fill) throws Exception {
    MdbLdapServer server = MdbLdapServer.open(config);
    try {
      fill.into(server.directoryService());
      return new ListeningServer(server, LdapListeners.start(server.directoryService(), config));
    } catch (Exception | Error e) {
      server.close();
      throw e;
    }
  }

  /** The port of the first listen URL. */
  int port() {
    return listeners.localAddresses().get(0).getPort();
  }

  /** The connections open now. */
  List<IoSession> sessions() {
    return listeners.sessions();
  }

  @Override
  public void close() {
    try {
      listeners.close();
    } finally {
      server.close();
    }
  }
}
