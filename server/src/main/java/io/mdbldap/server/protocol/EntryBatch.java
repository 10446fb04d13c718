package io.mdbldap.server.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * Gathers the encoded entries of one search ({@link EntryEncoder}) into MINA writes of about {@value #MAX_BYTES}
 * bytes: each write costs a request object, a walk down the connection's filter chain, a place in its write queue
 * and a wake-up of its I/O thread, which for a 1,000-entry search cost more than encoding the entries.
 *
 * <p>The bound keeps what {@link WriteBackpressure} lets a slow client's queue hold near what it held entry by entry
 * (its count is of writes). A batch also goes out when an entry joins it more than {@value #MAX_WAIT_MILLIS} ms after
 * its first, so a scan that finds entries slowly sends them about as it finds them; there is no timer, so an entry
 * found before a long stretch without matches waits for the next match or the search's end. The codec passes the
 * buffers as they are. The last batch goes out with the search's result ({@link #end}). Not thread-safe: one
 * search's.
 */
final class EntryBatch {
  static final int MAX_BYTES = 8 * 1024;
  static final long MAX_WAIT_MILLIS = 10;
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);

  private final IoSession session;
  private final List<byte[]> entries = new ArrayList<>();
  private int bytes;
  private long firstAt;

  EntryBatch(IoSession session) {
    this.session = session;
  }

  /** Adds {@code entry}, writing what is gathered once it is big or old enough. */
  void add(SearchResultEntry entry) {
    byte[] encoded = EntryEncoder.encode(entry);
    if (entries.isEmpty()) {
      firstAt = System.nanoTime();
    }
    entries.add(encoded);
    bytes += encoded.length;
    if (bytes >= MAX_BYTES || System.nanoTime() - firstAt >= MAX_WAIT_NANOS) {
      flush();
    }
  }

  /** Writes what is gathered, if anything: when the batch is full or old, and when the search fails. */
  void flush() {
    if (!entries.isEmpty()) {
      session.write(IoBuffer.wrap(taken()));
    }
  }

  /**
   * Writes what is gathered with the search's result {@code done} after it, in one message ({@link EntriesThenDone});
   * just the result if nothing is gathered.
   */
  void end(SearchResultDone done) {
    session.write(entries.isEmpty() ? done : new EntriesThenDone(taken(), done));
  }

  /** The gathered entries in one array, the batch then empty. */
  private byte[] taken() {
    byte[] all = entries.size() == 1 ? entries.get(0) : joined();
    entries.clear();
    bytes = 0;
    return all;
  }

  private byte[] joined() {
    byte[] all = new byte[bytes];
    int at = 0;
    for (byte[] entry : entries) {
      System.arraycopy(entry, 0, all, at, entry.length);
      at += entry.length;
    }
    return all;
  }
}
