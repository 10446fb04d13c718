package io.mdbldap.ldif.load;

import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.EntryRecord;
import io.mdbldap.ldif.read.LdifException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * Reads and prepares entries on a thread of its own, so parsing and normalizing overlap with the
 * store's writes. Entries travel in chunks (fewer hand-offs) through a queue bounded by the LDIF
 * bytes its entries were read from: the reader waits when the loader falls that far behind, so
 * memory stays flat whatever the input's size.
 *
 * <p>The bound is deep on purpose: a loader that gathers index keys stops taking entries for a
 * second or so while it writes a round of them, and the reader should go on meanwhile rather than
 * wait with a full queue (with 8 chunks of 256 entries it spent a third of the import idle).
 */
final class EntryProducer implements AutoCloseable {
  private static final int CHUNK = 256;
  /**
   * LDIF kilobytes of the entries queued ahead of the loader: 8 MB, some 18,000 generated
   * inetOrgPerson entries (460 bytes of LDIF each), about twice what the reader prepares while a
   * round of gathered index keys is written. Prepared, such an entry takes about 3 KB of heap (its
   * DN, index keys and encoding; the values are dropped once encoded), so the queue holds at most
   * about 55 MB.
   */
  private static final int KILOBYTES_AHEAD = 8 * 1024;

  private final EntryReader reader;
  private final EntryPreparer preparer;
  private final LoadTarget target;
  private final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
  /** Kilobytes of LDIF the queue may take more. */
  private final Semaphore room = new Semaphore(KILOBYTES_AHEAD);
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long bytesRead;

  private EntryProducer(EntryReader reader, EntryPreparer preparer, LoadTarget target) {
    this.reader = reader;
    this.preparer = preparer;
    this.target = target;
    this.thread = new Thread(this::run, "ldif-reader");
    this.thread.setDaemon(true);
  }

  /**
   * Starts reading {@code reader}, preparing each entry with {@code preparer}, then with
   * {@code target}'s {@link LoadTarget#prepare} (the only target method called on this thread).
   */
  static EntryProducer start(EntryReader reader, EntryPreparer preparer, LoadTarget target) {
    EntryProducer producer = new EntryProducer(reader, preparer, target);
    producer.thread.start();
    return producer;
  }

  /** Entries read in a row, and the LDIF kilobytes they count against the queue's bound. */
  private record Chunk(List<Item> items, int kilobytes) {}

  /** The next chunk of items; the last one ends with {@link Item.End} or {@link Item.Failed}. */
  List<Item> take() throws InterruptedException {
    Chunk chunk = queue.take();
    room.release(chunk.kilobytes());
    return chunk.items();
  }

  /** Bytes of the input read so far. */
  long bytesRead() {
    return bytesRead;
  }

  private void run() {
    List<Item> chunk = new ArrayList<>(CHUNK);
    long chunkStart = 0;
    try {
      while (!stopped) {
        Item item = next();
        chunk.add(item);
        boolean last = item instanceof Item.End || item instanceof Item.Failed;
        if (last || chunk.size() == CHUNK) {
          // A chunk larger than the whole bound (huge entries) still goes, alone.
          int kilobytes = (int) Math.min(KILOBYTES_AHEAD, (bytesRead - chunkStart) >> 10);
          room.acquire(kilobytes);
          queue.put(new Chunk(chunk, kilobytes));
          chunk = new ArrayList<>(CHUNK);
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

  private Item next() {
    try {
      EntryRecord record = reader.next();
      bytesRead = reader.bytesRead();
      if (record == null) {
        return new Item.End();
      }
      return prepared(record);
    } catch (LdifException e) {
      return new Item.Problem(e);
    } catch (IOException | RuntimeException e) {
      return new Item.Failed(e);
    }
  }

  private Item prepared(EntryRecord record) {
    try {
      preparer.prepare(record.entry());
      return new Item.Ready(record.line(), target.prepare(record));
    } catch (LdapException e) {
      return new Item.Problem(new LdifException(reader.source(), record.line(), record.entry().getDn().getName(),
          e.getMessage()));
    }
  }

  /** Stops reading, for a loader that is done early. */
  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    queue.clear();
  }
}
