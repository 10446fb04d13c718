package io.mdbldap.server.interop;

import static io.mdbldap.server.interop.Ber.SEQUENCE;
import static io.mdbldap.server.interop.Ber.bool;
import static io.mdbldap.server.interop.Ber.enumerated;
import static io.mdbldap.server.interop.Ber.integer;
import static io.mdbldap.server.interop.Ber.message;
import static io.mdbldap.server.interop.Ber.octets;
import static io.mdbldap.server.interop.Ber.string;
import static io.mdbldap.server.interop.Ber.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.server.MdbLdapServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of issue #6, each refused with an LDAP result or a clean disconnection: the size
 * limit binds everyone but the rootdn, a filter deeper than {@code max_filter_depth} gets
 * adminLimitExceeded (thousands deep, a disconnection before it is decoded), a request larger
 * than {@code sockbuf_max_incoming} ends the connection
 * unless a bind raised the limit to {@code sockbuf_max_incoming_auth}, a connection beyond
 * {@code max_connections} gets a notice of disconnection, and a silent one is closed after
 * {@code idletimeout}.
 */
class ConnectionLimitsTest {
  private static final String PEOPLE = "ou=People," + ShippedConf.SUFFIX;
  private static final byte[] ROOT_BIND = message(1, tlv(0x60, integer(3), octets(ShippedConf.ROOT_DN),
      string(0x80, ShippedConf.ROOT_PW)));
  private static final int MAX_CONNECTIONS = 4;

  @TempDir
  static Path directory;
  private static MdbLdapServer server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Path conf = ShippedConf.copyTo(directory, text -> text
        .replaceFirst("(?m)^listen\\s.*$", "listen ldap://127.0.0.1:0")
        .replaceFirst("(?m)^sizelimit\\s.*$", "sizelimit 2\nsockbuf_max_incoming 2000\n"
            + "sockbuf_max_incoming_auth 100000\nidletimeout 2\nmax_connections " + MAX_CONNECTIONS
            + "\nmax_filter_depth 10"));
    server = MdbLdapServer.start(ConfigParser.parse(conf));
    port = server.localAddresses().get(0).getPort();
    try (LDAPConnection root = new LDAPConnection("127.0.0.1", port)) {
      root.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
      root.add("dn: " + ShippedConf.SUFFIX, "objectClass: dcObject", "objectClass: organization", "dc: example",
          "o: Example");
      root.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: People");
      for (String uid : List.of("a", "b", "c", "d")) {
        root.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
            "sn: " + uid);
      }
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void sizeLimitBindsAnonymousButNotTheRootDn() throws Exception {
    byte[] search = search(2, tlv(0xa3, octets("objectClass"), octets("inetOrgPerson")));
    assertEquals("result 4", RawAnswer.of(port, search), "anonymous: sizeLimitExceeded");
    assertEquals("result 0", RawAnswer.of(port, ROOT_BIND, search), "the rootdn: all entries");
  }

  @Test
  void filterDeeperThanTheLimitIsAdminLimitExceeded() throws Exception {
    assertEquals("result 0", RawAnswer.of(port, search(2, deep(10))));
    assertEquals("result 11", RawAnswer.of(port, search(2, deep(11))));
    assertEquals("result 11", RawAnswer.of(port, search(2, deep(13))), "within the BER slack: answered");
    assertEquals("notice of disconnection 2", RawAnswer.of(port, search(2, deep(5_000))),
        "thousands deep: not even decoded");
  }

  @Test
  void requestLargerThanSockbufMaxIncomingEndsTheConnectionUnlessBound() throws Exception {
    byte[] large = search(2, tlv(0xa3, octets("cn"), octets("x".repeat(5_000))));
    assertEquals("notice of disconnection 2", RawAnswer.of(port, large), "anonymous: protocolError, closed");
    assertEquals("result 0", RawAnswer.of(port, ROOT_BIND, large), "after a bind: read and answered");
    byte[] huge = search(2, tlv(0xa3, octets("cn"), octets("x".repeat(200_000))));
    // The server closes while the client still sends: the notice may be lost to the reset.
    String answer = RawAnswer.of(port, ROOT_BIND, huge);
    assertTrue(Set.of("notice of disconnection 2", "disconnected").contains(answer),
        "beyond the bound limit: " + answer);
  }

  @Test
  void connectionsBeyondTheMaximumGetANoticeOfDisconnection() throws Exception {
    List<LDAPConnection> open = new ArrayList<>();
    try {
      for (int n = 0; n < MAX_CONNECTIONS; n++) {
        LDAPConnection connection = new LDAPConnection("127.0.0.1", port);
        open.add(connection);
        // An answer, so that the server has counted the connection, not merely accepted it.
        connection.getRootDSE();
      }
      assertEquals("notice of disconnection 52", RawAnswer.of(port, search(2, present("cn"))), "one too many");
      open.remove(0).close();
      Thread.sleep(200);
      assertEquals("result 4", RawAnswer.of(port, search(2, present("cn"))), "once a connection closed");
    } finally {
      open.forEach(LDAPConnection::close);
    }
  }

  @Test
  void silentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(10_000);
      long start = System.nanoTime();
      InputStream in = socket.getInputStream();
      assertEquals(-1, in.read(), "the server closes, sending nothing");
      long seconds = (System.nanoTime() - start) / 1_000_000_000L;
      assertTrue(seconds >= 1 && seconds <= 5, "closed after " + seconds + " s, with idletimeout 2");
    }
  }

  private static byte[] search(int id, byte[] filter) {
    return message(id, tlv(0x63, octets(PEOPLE), enumerated(2), enumerated(0), integer(0), integer(0), bool(false),
        filter, tlv(SEQUENCE, octets("1.1"))));
  }

  private static byte[] present(String attribute) {
    return string(0x87, attribute);
  }

  /** A filter {@code depth} levels deep that matches one entry. */
  private static byte[] deep(int depth) {
    return Ber.nest(tlv(0xa3, octets("uid"), octets("a")), depth - 1, 0xa0);
  }
}
