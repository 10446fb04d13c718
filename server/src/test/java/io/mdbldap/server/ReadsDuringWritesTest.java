package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.directory.MvccOperationManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.directory.server.core.api.OperationManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads of an LMDB database do not wait for the write in progress: LMDB gives them the last
 * committed snapshot, so ApacheDS's global operation lock is not taken for them. They do wait
 * while a database's file is swapped under them (the embedded directory's reset).
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

  @Test
  void aReadWaitsWhileTheDatabaseIsSwapped() throws Exception {
    OperationManager operations = server.server().directoryService().getOperationManager();
    CountDownLatch swapping = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> swap = CompletableFuture.runAsync(() -> {
      try {
        MvccOperationManager.exclusively(operations, () -> {
          swapping.countDown();
          await(release);
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try (LDAPConnection client = server.connect()) {
      assertTrue(swapping.await(10, TimeUnit.SECONDS), "the swap started");
      CompletableFuture<SearchResultEntry> read = CompletableFuture.supplyAsync(() -> {
        try {
          return client.getEntry(USER_DN);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(500);
      assertFalse(read.isDone(), "the read waited for the swap");
      release.countDown();
      assertNotNull(read.get(10, TimeUnit.SECONDS), "the read answered after it");
      swap.get(10, TimeUnit.SECONDS);
    } finally {
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
