package io.mdbldap.ldif.load;

import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.EntryRecord;
import io.mdbldap.ldif.read.LdifException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * Reads and prepares entries on a thread of its own, so parsing and normalizing overlap with the
 * store's writes. Entries travel in chunks (fewer hand-offs) through a queue bounded by the LDIF
 * bytes its entries were read from: the reader waits when the loader falls that far behind, so
 * memory stays flat whatever the input's size.
 *
 * <p>The bound is deep enough for the loader's pauses: a loader that gathers index keys stops
 * taking entries for a fraction of a second while it writes a round of them, and the reader should
 * go on meanwhile rather than wait with a full queue (with 8 chunks of 256 entries it spent a
 * third of the import idle). No deeper: queued entries outlive young collections, which copy them.
 */
final class EntryProducer implements AutoCloseable {
  private static final int CHUNK = 256;
  /**
   * LDIF kilobytes of the entries queued ahead of the loader: 4 MB, some 9,000 generated
   * inetOrgPerson entries (460 bytes of LDIF each), more than the reader reads while a round of
   * gathered index keys is written (0.25-0.35 s at 100,000 entries). Prepared, such an entry takes
   * about 3 KB of heap (its DN, index keys and encoding; the values are dropped once encoded), so
   * the queue holds at most about 27 MB. At 8 MB the collector copied and promoted twice as much
   * (100,000 entries, 8 alternating pairs: GC pauses 330-660 ms against 260-400 ms, wall time
   * median 4.83 s against 4.51 s); at 2 MB the reader waited (5.13 s).
   */
  private static final int KILOBYTES_AHEAD = 4 * 1024;

  private final EntryReader reader;
  private final EntryPreparer preparer;
  private final LoadTarget target;
  private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
  /** The queued chunks in order, for the reader to prepare those the loader has not claimed. */
  private final ConcurrentLinkedDeque<Chunk> unprepared = new ConcurrentLinkedDeque<>();
  /** Kilobytes of LDIF the queue may take more. */
  private final Semaphore room = new Semaphore(KILOBYTES_AHEAD);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long bytesRead;
  /** Bytes of the input the chunks taken so far were read from: the loading thread's alone. */
  private long bytesTaken;

  private EntryProducer(EntryReader reader, EntryPreparer preparer, LoadTarget target) {
    this.reader = reader;
    this.preparer = preparer;
    this.target = target;
    this.thread = new Thread(this::run, "ldif-reader");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading {@code reader}, preparing each entry with {@code preparer} (in input order), then
   * with {@code target}'s {@link LoadTarget#prepare}: the only target method called on the reading
   * thread, and called on the thread that {@link #take takes} too, at the same time.
   */
  static EntryProducer start(EntryReader reader, EntryPreparer preparer, LoadTarget target) {
    EntryProducer producer = new EntryProducer(reader, preparer, target);
    producer.thread.start();
    return producer;
  }

  /**
   * Entries read in a row, and the LDIF kilobytes they count against the queue's bound. The target's
   * part of preparing them is done later, by whichever thread claims the chunk first: the reader
   * when chunks queue up, or the loader when it takes a chunk no one has claimed (it would
   * otherwise wait for the reader). So the work balances itself: while the loader writes, the reader
   * prepares what queues up; while the loader waits for entries, it prepares them, and the reader
   * only reads.
   */
  private final class Chunk {
    private final Item[] items = new Item[CHUNK];
    /** The entries the target has yet to prepare, at their item's position. */
    private final EntryRecord[] records = new EntryRecord[CHUNK];
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch prepared = new CountDownLatch(1);
    private int size;
    private int kilobytes;
    /** Bytes of the input read when the chunk was queued. */
    private long end;

    void add(Item item) {
      items[size++] = item;
    }

    void addForTarget(EntryRecord record) {
      records[size++] = record;
    }

    /** Prepares the entries if no other thread has claimed them; false if one had. */
    boolean prepareIfFree() {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      try {
        for (int i = 0; i < size; i++) {
          if (records[i] != null) {
            items[i] = preparedByTarget(records[i]);
            records[i] = null;
          }
        }
      } finally {
        prepared.countDown();
      }
      return true;
    }

    List<Item> items() throws InterruptedException {
      if (!prepareIfFree()) {
        prepared.await();
      }
      return Arrays.asList(items).subList(0, size);
    }
  }

  /** The next chunk of items; the last one ends with {@link Item.End} or {@link Item.Failed}. */
  List<Item> take() throws InterruptedException {
    Chunk chunk = queue.take();
    room.release(chunk.kilobytes);
    // Out of the reader's list too, which it drains only when chunks queue up: a taken chunk left
    // there would keep its prepared entries alive until then. It is the list's oldest, or gone.
    unprepared.remove(chunk);
    bytesTaken = chunk.end;
    return chunk.items();
  }

  /** Bytes of the input read so far. */
  long bytesRead() {
    return bytesRead;
  }

  /** Bytes of the input the entries {@link #take taken} so far were read from. */
  long bytesTaken() {
    return bytesTaken;
  }

  private void run() {
    Chunk chunk = new Chunk();
    long chunkStart = 0;
    try {
      while (!stopped) {
        boolean last = read(chunk);
        if (last || chunk.size == CHUNK) {
          // A chunk larger than the whole bound (huge entries) still goes, alone.
          chunk.kilobytes = (int) Math.min(KILOBYTES_AHEAD, (bytesRead - chunkStart) >> 10);
          chunk.end = bytesRead;
          room.acquire(chunk.kilobytes);
          unprepared.add(chunk);
          queue.put(chunk);
          // A loader waiting for this chunk prepares it (the reader reads on meanwhile); one
          // that is busy leaves the reader to prepare what queues up.
          if (queue.size() > 1) {
            prepareOne();
          }
          chunk = new Chunk();
          chunkStart = bytesRead;
        }
        if (last) {
          return;
        }
      }
    } catch (InterruptedException e) {
      // closed by the loader: nothing more is wanted
    }
  }

  /**
   * Prepares the newest chunk that neither thread has claimed yet, if there is one: the loader
   * takes the oldest next, and would wait for the reader to finish preparing it (at the input's
   * end, and whenever the loader caught up, it waited so for 3-4% of its time); it prepares the
   * older ones itself meanwhile.
   */
  private void prepareOne() {
    for (Chunk newest = unprepared.pollLast(); newest != null; newest = unprepared.pollLast()) {
      if (newest.prepareIfFree()) {
        return;
      }
    }
  }

  /** Reads the next record into {@code chunk}; true if it was the last (the end, or a failure). */
  private boolean read(Chunk chunk) {
    EntryRecord record;
    try {
      record = reader.next();
    } catch (LdifException e) {
      bytesRead = reader.bytesRead(); // the reader skipped the record
      chunk.add(new Item.Problem(e));
      return false;
    } catch (IOException | RuntimeException e) {
      chunk.add(new Item.Failed(e));
      return true;
    }
    bytesRead = reader.bytesRead();
    if (record == null) {
      chunk.add(new Item.End());
      return true;
    }
    try {
      preparer.prepare(record.entry());
      chunk.addForTarget(record);
    } catch (LdapException e) {
      chunk.add(problem(record, e));
    } catch (RuntimeException e) {
      chunk.add(new Item.Failed(e));
      return true;
    }
    return false;
  }

  /** The target's preparation of {@code record}, on the reader's thread or the loader's. */
  private Item preparedByTarget(EntryRecord record) {
    try {
      return new Item.Ready(record.line(), target.prepare(record));
    } catch (LdapException e) {
      return problem(record, e);
    } catch (RuntimeException e) {
      return new Item.Failed(e);
    }
  }

  private Item problem(EntryRecord record, LdapException e) {
    return new Item.Problem(new LdifException(reader.source(), record.line(), record.entry().getDn().getName(),
        e.getMessage()));
  }

  /** Stops reading, for a loader that is done early. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    queue.clear();
    unprepared.clear();
  }
}
