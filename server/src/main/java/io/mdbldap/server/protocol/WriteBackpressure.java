package io.mdbldap.server.protocol;

import java.util.concurrent.TimeUnit;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Makes the thread answering a request wait while its client lags behind, as slapd's writer blocks
 * on a full socket. Without it, a search over many entries for a client that reads slowly queues
 * every result in MINA's write queue, the decoded entries with them, until the heap is full:
 * {@code bench/load.sh} found a whole-subtree search read at 1 ms an entry holding a million
 * attribute objects, and the server spending its time in full collections.
 *
 * <p>It counts the responses of each connection that are written but not yet sent, and holds a
 * writer while there are more than {@link #MAX_PENDING}, until the client has taken half of them
 * or the connection is closed (by the client, or by {@code idletimeout}). MINA's I/O threads are
 * never held: they are the ones sending. Placed before the executor, so that the "sent" events
 * arrive on the I/O threads and not on the operation threads that may be waiting. Thread-safe.
 */
final class WriteBackpressure extends IoFilterAdapter {
  /** The filter's name in each connection's MINA filter chain. */
  static final String NAME = "writeBackpressure";
  /** Responses one connection may have waiting to be sent before the writer waits. */
  static final int MAX_PENDING = 512;
  private static final long CHECK_MILLIS = 100;
  private static final AttributeKey PENDING = new AttributeKey(WriteBackpressure.class, "pending");

  @Override
  public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
    Pending pending = pending(session);
    pending.written();
    next.filterWrite(session, request);
    if (!Thread.currentThread().getName().startsWith("NioProcessor")) {
      pending.awaitRoom(session);
    }
  }

  @Override
  public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
    pending(session).sent();
    next.messageSent(session, request);
  }

  @Override
  public void sessionClosed(NextFilter next, IoSession session) throws Exception {
    pending(session).closed();
    next.sessionClosed(session);
  }

  private static Pending pending(IoSession session) {
    Pending pending = (Pending) session.getAttribute(PENDING);
    if (pending == null) {
      Pending created = new Pending();
      pending = (Pending) session.setAttributeIfAbsent(PENDING, created);
      pending = pending == null ? created : pending;
    }
    return pending;
  }

  /** One connection's count of responses written but not yet sent. */
  private static final class Pending {
    private int count;
    private boolean closed;

    synchronized void written() {
      count++;
    }

    synchronized void sent() {
      count = Math.max(0, count - 1);
      if (count <= MAX_PENDING / 2) {
        notifyAll();
      }
    }

    synchronized void closed() {
      closed = true;
      notifyAll();
    }

    synchronized void awaitRoom(IoSession session) throws InterruptedException {
      while (count > MAX_PENDING && !closed && session.isConnected()) {
        wait(TimeUnit.MILLISECONDS.toMillis(CHECK_MILLIS));
      }
    }
  }
}
