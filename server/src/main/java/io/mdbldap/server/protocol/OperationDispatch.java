package io.mdbldap.server.protocol;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.directory.api.ldap.model.message.AbandonRequest;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.CompareRequest;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.UnbindRequest;
import org.apache.mina.core.filterchain.IoFilterEvent;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.filter.executor.ExecutorFilter;
import org.apache.mina.filter.executor.UnorderedThreadPoolExecutor;

/**
 * Decides, request by request, which thread runs an LDAP operation: in each connection's MINA chain
 * it takes the place of ApacheDS's "executor", which hands every request to an operation thread.
 *
 * <p>A request that reads at most a few entries and never waits (a simple bind, a base-object search,
 * a search whose indexed filter has a few candidates ({@link ShortSearches}), a compare, an abandon,
 * an unbind) runs on the I/O thread that decoded it, as slapd's listener thread would answer it. Handing it over costs two thread wake-ups (the operation thread, then the I/O
 * thread again to send the answer), which on a machine of 2 cores cost about as much CPU as the
 * operation itself: at 100,000 entries the server's voluntary context switches per simple bind fell
 * from 2 to 0.06, and its CPU per base-object read from about 0.15 to 0.08 ms (the figures are in the
 * commit messages).
 *
 * <p>Everything else goes to the pool of operation threads: other searches below the base may read
 * any number of entries, and writes wait until their commit is on disk; run on an I/O thread, either
 * would stall every other connection that thread serves. Only a pool thread may be held by
 * {@link WriteBackpressure} when its client reads slowly.
 *
 * <p>The pool keeps ApacheDS's type, {@link UnorderedThreadPoolExecutor}: {@code LdapServer.stop()}
 * shuts it down as one. Thread-safe.
 */
final class OperationDispatch extends ExecutorFilter {
  /** The filter's name in each connection's MINA filter chain, as ApacheDS names it. */
  static final String NAME = "executor";

  /** Requests running on I/O threads now: the pool's count does not include them. */
  private final AtomicInteger inline = new AtomicInteger();
  private final ShortSearches shortSearches;

  OperationDispatch(int poolThreads, ShortSearches shortSearches) {
    super(new UnorderedThreadPoolExecutor(poolThreads), IoEventType.MESSAGE_RECEIVED);
    this.shortSearches = shortSearches;
  }

  /** Whether an operation is still running, on an I/O thread or in the pool. */
  boolean busy() {
    return inline.get() > 0 || ((UnorderedThreadPoolExecutor) getExecutor()).getActiveCount() > 0;
  }

  @Override
  protected void fireEvent(IoFilterEvent event) {
    Object request = event.getParameter();
    if (request instanceof SearchRequest search) {
      Optional<ShortSearches.ShortSearch> inline = shortSearches.of(search);
      if (inline.isPresent()) {
        runInline(() -> inline.get().run(event::fire));
        return;
      }
    } else if (runsInline(request)) {
      runInline(event::fire);
      return;
    }
    super.fireEvent(event);
  }

  private void runInline(Runnable fire) {
    inline.incrementAndGet();
    try {
      fire.run();
    } finally {
      inline.decrementAndGet();
    }
  }

  /** Whether a decoded request other than a search is answered at once, without waiting for anything. */
  private static boolean runsInline(Object request) {
    if (request instanceof BindRequest bind) {
      // A SASL bind may take several round trips and call out to other services.
      return bind.isSimple();
    }
    return request instanceof CompareRequest || request instanceof AbandonRequest
        || request instanceof UnbindRequest;
  }
}
