package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.unboundid.asn1.ASN1StreamReader;
import com.unboundid.ldap.protocol.BindRequestProtocolOp;
import com.unboundid.ldap.protocol.LDAPMessage;
import com.unboundid.ldap.protocol.SearchRequestProtocolOp;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WriteBackpressure} over TCP: a client that sends a search over thousands of large entries
 * and then reads nothing keeps at most {@link WriteBackpressure#MAX_PENDING} responses waiting in
 * its connection's write queue, other clients are answered meanwhile, and once it reads it gets
 * every entry and the search's done message.
 */
class WriteBackpressureTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private static final String ROOT_DN = "cn=admin," + SUFFIX;
  private static final String ROOT_PW = "secret";
  private static final String UNIT = "ou=many," + SUFFIX;
  /**
   * Together about 20 MB of answer, five times what loopback TCP buffers may hold (the server's send
   * buffer grows to 4 MB by default), so that most of it, over twice MAX_PENDING responses, has to
   * wait in the server. A binary value (userPKCS12) is stored without normalization: fast to add.
   */
  private static final int ENTRIES = 1_200;
  private static final byte[] BLOB = new byte[16 * 1024];
  /** How long the write queue must stay as it is before the server counts as stuck on the client. */
  private static final long SETTLED_MILLIS = 1_000;
  private static final long DEADLINE_MILLIS = 15_000;

  @TempDir
  static Path directory;
  static ListeningServer served;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config = ConfigParser.parse(writeConfig());
    served = ListeningServer.start(config, WriteBackpressureTest::addEntries);
  }

  @AfterAll
  static void stop() {
    if (served != null) {
      served.close();
    }
  }

  @Test
  void aClientThatDoesNotReadHoldsABoundedQueueAndGetsEverythingOnceItReads() throws Exception {
    try (Socket lagging = new Socket()) {
      // A small receive window: the client's kernel takes little of the answer off the server.
      lagging.setReceiveBufferSize(4096);
      lagging.connect(new InetSocketAddress("127.0.0.1", port()));
      lagging.setSoTimeout((int) DEADLINE_MILLIS);
      ASN1StreamReader in = new ASN1StreamReader(lagging.getInputStream());
      send(lagging.getOutputStream(), new LDAPMessage(1, new BindRequestProtocolOp(ROOT_DN, ROOT_PW)));
      assertEquals(0, LDAPMessage.readFrom(in, false).getBindResponseProtocolOp().getResultCode());
      send(lagging.getOutputStream(), new LDAPMessage(2, new SearchRequestProtocolOp(UNIT, SearchScope.ONE,
          DereferencePolicy.NEVER, 0, 0, false, Filter.createPresenceFilter("objectClass"), List.of())));

      IoSession session = sessionOf(lagging);
      int mostQueued = mostQueuedUntilSettled(session);
      assertTrue(session.getScheduledWriteMessages() > 0,
          "the answer should outgrow the socket buffers, so that the server has to hold some of it");
      // The writer waits after the write that takes the count beyond MAX_PENDING: one more may be queued.
      assertTrue(mostQueued <= WriteBackpressure.MAX_PENDING + 1, mostQueued + " responses were queued for a client "
          + "that reads nothing; at most " + (WriteBackpressure.MAX_PENDING + 1) + " may wait");

      otherClientIsAnswered();
      assertEquals(ENTRIES, readWholeAnswer(in));
    }
  }

  /** The largest write queue seen until queue and sent count stay the same for a while: the server is stuck. */
  private static int mostQueuedUntilSettled(IoSession session) throws InterruptedException {
    long deadline = System.currentTimeMillis() + DEADLINE_MILLIS;
    int most = 0;
    String last = "";
    long lastChange = System.currentTimeMillis();
    while (System.currentTimeMillis() - lastChange < SETTLED_MILLIS) {
      if (System.currentTimeMillis() > deadline) {
        fail("the write queue was still moving after " + DEADLINE_MILLIS + " ms; last " + last);
      }
      int queued = session.getScheduledWriteMessages();
      most = Math.max(most, queued);
      String state = queued + " queued, " + session.getWrittenMessages() + " sent";
      if (!state.equals(last)) {
        last = state;
        lastChange = System.currentTimeMillis();
      }
      Thread.sleep(20);
    }
    return most;
  }

  private static void otherClientIsAnswered() throws Exception {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setResponseTimeoutMillis(5_000);
    try (LDAPConnection other = new LDAPConnection(options, "127.0.0.1", port(), ROOT_DN, ROOT_PW)) {
      SearchResultEntry entry = other.getEntry("cn=entry7," + UNIT);
      assertNotNull(entry);
      assertArrayEquals(BLOB, entry.getAttributeValueBytes("userPKCS12"));
      assertEquals(1, other.search(UNIT, SearchScope.BASE, "(ou=many)").getEntryCount());
    }
  }

  /** Reads the search's entries up to its done message, which must say success; returns how many came. */
  private static int readWholeAnswer(ASN1StreamReader in) throws Exception {
    int entries = 0;
    LDAPMessage message = LDAPMessage.readFrom(in, false);
    while (message.getProtocolOpType() == LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_ENTRY) {
      entries++;
      message = LDAPMessage.readFrom(in, false);
    }
    assertEquals(LDAPMessage.PROTOCOL_OP_TYPE_SEARCH_RESULT_DONE, message.getProtocolOpType(), message.toString());
    assertEquals(ResultCode.SUCCESS_INT_VALUE, message.getSearchResultDoneProtocolOp().getResultCode());
    return entries;
  }

  private static IoSession sessionOf(Socket client) {
    return served.sessions().stream()
        .filter(s -> ((InetSocketAddress) s.getRemoteAddress()).getPort() == client.getLocalPort())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no server session for client port " + client.getLocalPort()));
  }

  private static void send(OutputStream out, LDAPMessage message) throws IOException {
    out.write(message.encode().encode());
    out.flush();
  }

  private static int port() {
    return served.port();
  }

  /** No indices, commits not flushed (dbnosync): the entries go in fast. */
  private static Path writeConfig() throws IOException {
    Path schema = Path.of("..", "conf", "schema").toAbsolutePath().normalize();
    Path conf = directory.resolve("slapd.conf");
    Files.writeString(conf, String.join("\n",
        "include " + schema.resolve("core.schema"),
        "include " + schema.resolve("cosine.schema"),
        "include " + schema.resolve("inetorgperson.schema"),
        "listen ldap://127.0.0.1:0",
        "database mdb",
        "suffix \"" + SUFFIX + "\"",
        "rootdn \"" + ROOT_DN + "\"",
        "rootpw " + ROOT_PW,
        "directory " + directory.resolve("db"),
        "maxsize 1073741824",
        "dbnosync",
        ""));
    Files.createDirectories(directory.resolve("db"));
    return conf;
  }

  private static void addEntries(DirectoryService service) throws Exception {
    CoreSession admin = service.getAdminSession();
    SchemaManager schema = service.getSchemaManager();
    admin.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
    admin.add(new DefaultEntry(schema, UNIT, "objectClass: organizationalUnit", "ou: many"));
    for (int n = 0; n < ENTRIES; n++) {
      Entry entry = new DefaultEntry(schema, "cn=entry" + n + "," + UNIT, "objectClass: inetOrgPerson",
          "cn: entry" + n, "sn: entry");
      entry.add("userPKCS12", BLOB);
      admin.add(entry);
    }
  }
}
