package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.ExtendedRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OperationDispatch} over TCP: which thread runs each kind of request, seen by a filter placed
 * behind the dispatch in one connection's chain. Short reads run on MINA's I/O thread, the rest on
 * an operation thread, so that a write waiting for the disk or a long search never holds an I/O thread.
 */
class OperationDispatchTest {
  private static final String SUFFIX = "o=dispatch";
  private static final String ROOT_DN = "cn=root," + SUFFIX;
  private static final String ROOT_PW = "secret";
  private static final String IO_THREAD = "I/O thread";
  private static final String POOL_THREAD = "pool thread";

  @TempDir
  static Path directory;
  static ListeningServer served;

  @BeforeAll
  static void start() throws Exception {
    served = ListeningServer.start(directory, List.of("core.schema"), List.of("database mdb", "suffix " + SUFFIX,
        "rootdn " + ROOT_DN, "rootpw " + ROOT_PW, "index uid eq", "dbnosync"), service -> {
      CoreSession admin = service.getAdminSession();
      admin.add(new DefaultEntry(service.getSchemaManager(), SUFFIX, "objectClass: organization", "o: dispatch"));
      // uid=one, and one entry more than a short search may read under uid=many.
      for (int i = 0; i <= ShortSearches.MAX_CANDIDATES + 1; i++) {
        admin.add(person(service.getSchemaManager(), "p" + i, i == 0 ? "one" : "many"));
      }
    });
  }

  @AfterAll
  static void stop() {
    if (served != null) {
      served.close();
    }
  }

  @Test
  void shortReadsRunOnTheIoThreadAndEverythingElseInThePool() throws Exception {
    int port = served.port();
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", port)) {
      Map<String, String> threads = probe(onlySession());
      connection.bind(ROOT_DN, ROOT_PW);
      connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.BASE, "(objectClass=*)");
      connection.compare(SUFFIX, "o", "dispatch");
      connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(o=dispatch)");
      connection.modify(SUFFIX, new Modification(ModificationType.REPLACE, "description", "changed"));
      connection.processExtendedOperation(new WhoAmIExtendedRequest());

      assertEquals(Map.of("bind", IO_THREAD, "base search", IO_THREAD, "compare", IO_THREAD,
          "search (o=dispatch)", POOL_THREAD, "modify", POOL_THREAD, "extended", POOL_THREAD), threads);
    }
  }

  @Test
  void searchesWithFewIndexedCandidatesRunOnTheIoThread() throws Exception {
    try (LDAPConnection connection = new LDAPConnection("127.0.0.1", served.port())) {
      Map<String, String> threads = probe(onlySession());
      assertEquals(1, connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=one)").getEntryCount());
      assertEquals(1, connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.ONE, "(&(uid=ONE)(cn=*))")
          .getEntryCount());
      assertEquals(ShortSearches.MAX_CANDIDATES + 1,
          connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(uid=many)").getEntryCount());
      assertEquals(1, connection.search(SUFFIX, com.unboundid.ldap.sdk.SearchScope.SUB, "(cn=p1)").getEntryCount());

      assertEquals(Map.of("search (uid=one)", IO_THREAD, "search (&(uid=ONE)(cn=*))", IO_THREAD,
          "search (uid=many)", POOL_THREAD, "search (cn=p1)", POOL_THREAD), threads);
    }
  }

  private static DefaultEntry person(SchemaManager schema, String cn, String uid) throws LdapException {
    return new DefaultEntry(schema, "cn=" + cn + "," + SUFFIX, "objectClass: person", "objectClass: uidObject",
        "cn: " + cn, "sn: " + cn, "uid: " + uid);
  }

  /** Records, by kind of request, whether the thread that passes it on is an I/O or a pool thread. */
  private static Map<String, String> probe(IoSession session) {
    Map<String, String> threads = new ConcurrentHashMap<>();
    session.getFilterChain().addAfter(OperationDispatch.NAME, "probe", new IoFilterAdapter() {
      @Override
      public void messageReceived(NextFilter next, IoSession s, Object message) throws Exception {
        boolean io = Thread.currentThread().getName().startsWith("NioProcessor");
        threads.put(kind(message), io ? IO_THREAD : POOL_THREAD);
        next.messageReceived(s, message);
      }
    });
    return threads;
  }

  private static String kind(Object request) {
    if (request instanceof SearchRequest search) {
      return search.getScope() == SearchScope.OBJECT ? "base search" : "search " + search.getFilter();
    }
    if (request instanceof BindRequest) {
      return "bind";
    }
    if (request instanceof CompareRequest) {
      return "compare";
    }
    if (request instanceof ModifyRequest) {
      return "modify";
    }
    return request instanceof ExtendedRequest ? "extended" : request.getClass().getSimpleName();
  }

  /**
   * The one connection, once MINA has registered it (connect() may return before the server's side is
   * ready) and has let go of the previous test's.
   */
  private static IoSession onlySession() throws InterruptedException {
    List<IoSession> sessions = served.sessions();
    for (long deadline = System.currentTimeMillis() + 5_000;
        sessions.size() != 1 && System.currentTimeMillis() < deadline; sessions = served.sessions()) {
      Thread.sleep(10);
    }
    assertEquals(1, sessions.size(), "connections open: " + sessions);
    return sessions.get(0);
  }
}
