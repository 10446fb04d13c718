package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import org.apache.directory.server.core.api.OperationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads of an LMDB database do not wait for the write in progress: LMDB gives them the last
 * committed snapshot, so ApacheDS's global operation lock is not taken for them.
 */
class ReadsDuringWritesTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void lookupSearchCompareAndBindAnswerWhileAWriteHoldsTheOperationLock() throws Exception {
    OperationManager operations = server.server().directoryService().getOperationManager();
    try (LDAPConnection client = server.connect()) {
      // Without the change each read would wait for the lock, and time out.
      client.getConnectionOptions().setResponseTimeoutMillis(5_000);
      // As a write holds it from its first interceptor to its commit and fsync.
      operations.lockWrite();
      try {
        assertNotNull(client.getEntry(USER_DN), "base search");
        assertEquals(1, client.search(SUFFIX, SearchScope.SUB, "(uid=jdoe)").getEntryCount(), "eq search");
        assertTrue(client.compare(USER_DN, "uid", "jdoe").compareMatched(), "compare");
        client.bind(USER_DN, USER_PW);
      } finally {
        operations.unlockWrite();
      }
    }
  }
}
