package io.mdbldap.store;

import io.mdbldap.store.index.EntryKeys;
import io.mdbldap.store.index.Postings;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.lmdbjava.Txn;

/**
 * A gathering {@link BulkLoader}'s index keys, added to its {@link Postings} on a thread of their
 * own. Adding a committed batch's keys (a hash lookup per key, on a table of megabytes) was two
 * fifths of the loading thread's own work, and that thread is an import's bottleneck: at the end
 * of the input the reading thread idled while the loader worked through the entries queued ahead
 * of it. Here the adding runs beside the writes, on whichever core is free.
 *
 * <p>Batches are added one at a time, in the order given (each key's IDs then come in the order
 * the entries were stored, as when added on the loader's thread), by a single thread that ends
 * when idle, so a loader needs no closing. At most {@value #BATCHES_AHEAD} batches wait: a loader
 * that gets that far ahead waits, so memory stays bounded. {@link #write} and {@link #clear} first
 * wait for every batch given to be added.
 *
 * <p>The loader decides when to write a round from the size the keys had before the batch it gave
 * last ({@link #bytesBeforeLast}), not from however many batches the thread has added by then: so
 * rounds begin at the same batches whatever the thread's pace, and the thread has had a batch's
 * write to add the batch asked about, so the loader seldom waits for it.
 */
final class KeyGatherer {
  private static final int BATCHES_AHEAD = 8;

  private final Postings postings = new Postings();
  private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
      new LinkedBlockingQueue<>(), KeyGatherer::daemon);
  private final Semaphore room = new Semaphore(BATCHES_AHEAD);
  /** The postings' size once the batch given last is added; null if none was given since the last clear. */
  private Future<Long> lastGiven;
  /** The same for the batch given before it. */
  private Future<Long> beforeLast;
  /** The first failure of an addition; every later call but {@link #clear} throws it. */
  private volatile Throwable failure;

  KeyGatherer() {
    thread.allowCoreThreadTimeOut(true);
  }

  private static Thread daemon(Runnable task) {
    Thread t = new Thread(task, "index-keys");
    t.setDaemon(true);
    return t;
  }

  /**
   * Adds the keys of the entries {@code first}, {@code first + 1}... in the background; waits while
   * {@value #BATCHES_AHEAD} batches wait.
   */
  void add(long first, List<EntryKeys> keys) {
    failed();
    // Not interruptible: a committed batch's keys must not be lost, and the thread always makes room.
    room.acquireUninterruptibly();
    beforeLast = lastGiven;
    lastGiven = thread.submit(() -> added(first, keys));
  }

  /** Adds one batch's keys on the gathering thread; the postings' size after them. */
  private long added(long first, List<EntryKeys> keys) {
    try {
      if (failure == null) {
        for (int i = 0; i < keys.size(); i++) {
          postings.add(first + i, keys.get(i));
        }
      }
    } catch (RuntimeException | Error e) {
      // Also an OutOfMemoryError: the keys of this batch would otherwise go missing unseen.
      failure = e;
    } finally {
      room.release();
    }
    return postings.bytes();
  }

  /**
   * About how much heap the keys took once every batch but the one given last was added (see
   * {@link Postings#bytes()}); 0 if at most one batch was given since the last {@link #clear}.
   */
  long bytesBeforeLast() throws LdapException {
    return beforeLast == null ? 0 : await(beforeLast);
  }

  /** Whether no keys are gathered, once every batch given is added. */
  boolean isEmpty() throws LdapException {
    return settled().isEmpty();
  }

  /** Writes every key gathered (see {@link Postings#write}), once every batch given is added. */
  void write(Txn<ByteBuffer> txn) throws LdapException {
    settled().write(txn);
  }

  /** Forgets every key gathered, once every batch given is added, and any failure to add them. */
  void clear() throws LdapException {
    awaitAdded();
    postings.clear();
    lastGiven = null;
    beforeLast = null;
    failure = null;
  }

  /** The postings, once the thread has added every batch given: from then on the caller's alone. */
  private Postings settled() throws LdapException {
    awaitAdded();
    failed();
    return postings;
  }

  private void awaitAdded() throws LdapException {
    await(thread.submit(() -> {}));
  }

  private static <T> T await(Future<T> done) throws LdapException {
    try {
      return done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LdapException("interrupted while gathering index keys", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private void failed() {
    Throwable e = failure;
    if (e != null) {
      throw new IllegalStateException("gathering index keys failed: " + e, e);
    }
  }
}
