package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole-subtree search of the suffix read slowly, a pause after each entry, so that it spans
 * minutes of writes by other clients: the server must keep serving it, and the writes must not wait
 * for it.
 */
final class SlowSearch implements AsyncSearchResultListener {
  private final LDAPConnection connection;
  private final long pauseMillis;
  private final Failures failures;
  private final AtomicLong entries = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean stopping;

  /** @param connection a connection that can send asynchronous requests */
  SlowSearch(LDAPConnection connection, long pauseMillis, Failures failures) {
    this.connection = connection;
    this.pauseMillis = pauseMillis;
    this.failures = failures;
  }

  void start(String suffix) throws LDAPException {
    SearchRequest request = new SearchRequest(this, suffix, SearchScope.SUB, "(objectClass=*)");
    // It is meant to last the whole run: no response timeout.
    request.setResponseTimeoutMillis(0L);
    connection.asyncSearch(request);
  }

  long entries() {
    return entries.get();
  }

  boolean finished() {
    return done.getCount() == 0;
  }

  /** Closes the connection: a search still running then ends, and that is not a failure. */
  void stop() {
    stopping = true;
    connection.close();
  }

  @Override
  public void searchEntryReturned(SearchResultEntry entry) {
    entries.incrementAndGet();
    try {
      Thread.sleep(pauseMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void searchReferenceReturned(SearchResultReference reference) {}

  @Override
  public void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
    if (result.getResultCode() != ResultCode.SUCCESS && !stopping) {
      failures.add("slow search: " + result.getResultCode() + " " + result.getDiagnosticMessage());
    }
    done.countDown();
  }
}
