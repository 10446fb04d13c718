package io.mdbldap.ldif.load;

import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.EntryRecord;
import io.mdbldap.ldif.read.LdifException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * Reads and prepares entries on a thread of its own, so parsing and normalizing overlap with the
 * store's writes. Entries travel in chunks (fewer hand-offs) through a small bounded queue: the
 * reader waits when the loader falls behind, so memory stays flat whatever the input's size.
 */
final class EntryProducer implements AutoCloseable {
  private static final int CHUNK = 256;
  private static final int CHUNKS_AHEAD = 8;

  private final EntryReader reader;
  private final EntryPreparer preparer;
  private final LoadTarget target;
  private final BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
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

  /** The next chunk of items; the last one ends with {@link Item.End} or {@link Item.Failed}. */
  List<Item> take() throws InterruptedException {
    return queue.take();
  }

  /** Bytes of the input read so far. */
  long bytesRead() {
    return bytesRead;
  }

  private void run() {
    List<Item> chunk = new ArrayList<>(CHUNK);
    try {
      while (!stopped) {
        Item item = next();
        chunk.add(item);
        boolean last = item instanceof Item.End || item instanceof Item.Failed;
        if (last || chunk.size() == CHUNK) {
          queue.put(chunk);
          chunk = new ArrayList<>(CHUNK);
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
      return new Item.Ready(record, target.prepare(record));
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
