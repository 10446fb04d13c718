package io.mdbldap.backend.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.directory.api.ldap.model.cursor.AbstractCursor;
import org.apache.directory.api.ldap.model.cursor.ClosureMonitor;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.InvalidCursorPositionException;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;

/**
 * A search's results as the bidirectional {@code Cursor<Entry>} ApacheDS needs: it calls
 * {@code beforeFirst()} before iterating, steps back with {@code previous()} after the size limit,
 * uses {@code first()} for root-DSE searches and sometimes {@code afterLast()} then {@code
 * previous()} all the way.
 *
 * <p>The results are read forward from an {@link EntrySource}. To go back, the cursor keeps the
 * store ID of every result it has passed (8 bytes each) and up to {@value #WINDOW} entries read
 * ahead but not yet handed out (by {@link #afterLast()}); an entry once handed out is read again
 * by ID when revisited, since ApacheDS's filters changed it, so a revisited entry is seen as
 * committed now (and skipped if it was deleted meanwhile), like everything else in a
 * read-committed search.
 *
 * <p>It holds no LMDB transaction between calls, so a cursor ApacheDS never closes pins nothing.
 * Not thread-safe; ApacheDS moves it from thread to thread but uses it from one at a time.
 */
final class EntryCursor extends AbstractCursor<Entry> {
  static final int WINDOW = 64;

  /** Reads one result again by its store ID: null if it is gone. */
  @FunctionalInterface
  interface Refetch {
    Entry byId(long id) throws LdapException;
  }

  private final EntrySource source;
  private final Refetch refetch;
  private final SearchInterrupt interrupt;
  /**
   * Sized as a map starts (16), not for a full window: most searches hold one entry here at a time, and a table
   * for {@value #WINDOW} entries, made for each search, was 1.8 % of the bytes a uid equality search allocated.
   */
  private final Map<Integer, Entry> window = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Entry> eldest) {
      return size() > WINDOW;
    }
  };
  private long[] ids = new long[16];
  private int count;
  /** -1 before the first result; {@code count} after the last, once the source is used up. */
  private int position = -1;
  private boolean exhausted;
  private Entry current;

  EntryCursor(EntrySource source, Refetch refetch, SearchInterrupt interrupt) {
    this.source = source;
    this.refetch = refetch;
    this.interrupt = interrupt;
  }

  @Override
  public void setClosureMonitor(ClosureMonitor monitor) {
    super.setClosureMonitor(monitor);
    interrupt.watch(monitor);
  }

  @Override
  public boolean next() throws LdapException, CursorException {
    checkNotClosed();
    while (position + 1 < count || (!exhausted && pull())) {
      position++;
      if (land()) {
        return true;
      }
    }
    exhausted = true;
    position = count;
    current = null;
    return false;
  }

  @Override
  public boolean previous() throws LdapException, CursorException {
    checkNotClosed();
    while (position > 0) {
      position--;
      if (land()) {
        return true;
      }
    }
    position = -1;
    current = null;
    return false;
  }

  @Override
  public void beforeFirst() throws CursorException {
    checkNotClosed();
    position = -1;
    current = null;
  }

  @Override
  public void afterLast() throws LdapException, CursorException {
    checkNotClosed();
    while (!exhausted && pull()) {
      // reads every remaining result; only their IDs and the last few entries are kept
    }
    exhausted = true;
    position = count;
    current = null;
  }

  @Override
  public boolean first() throws LdapException, CursorException {
    beforeFirst();
    return next();
  }

  @Override
  public boolean last() throws LdapException, CursorException {
    afterLast();
    return previous();
  }

  @Override
  public boolean available() {
    return current != null;
  }

  @Override
  public Entry get() throws CursorException {
    checkNotClosed();
    if (current == null) {
      throw new InvalidCursorPositionException("the search cursor is not on an entry");
    }
    return current;
  }

  @Override
  public boolean isBeforeFirst() {
    return position == -1;
  }

  @Override
  public boolean isAfterLast() {
    return exhausted && position == count;
  }

  @Override
  public boolean isFirst() {
    return position == 0 && current != null;
  }

  @Override
  public boolean isLast() {
    return exhausted && position == count - 1 && current != null;
  }

  /** Positioning on a given entry is something ApacheDS never asks of a partition cursor. */
  @Override
  public void before(Entry element) {
    throw new UnsupportedOperationException("a search cursor cannot be positioned on a given entry");
  }

  @Override
  public void after(Entry element) {
    throw new UnsupportedOperationException("a search cursor cannot be positioned on a given entry");
  }

  @Override
  public void close() throws IOException {
    release();
    super.close();
  }

  @Override
  public void close(Exception cause) throws IOException {
    release();
    super.close(cause);
  }

  private void release() {
    source.close();
    window.clear();
    current = null;
  }

  /** Reads the next result from the source; false at its end. */
  private boolean pull() throws LdapException, CursorException {
    EntrySource.Hit hit;
    try {
      hit = source.next();
    } catch (LdapOperationException e) {
      if (e.getResultCode() != ResultCodeEnum.CANCELED) {
        throw e;
      }
      // Interrupted: a time limit surfaces here as ApacheDS expects it; an abandon ends the results.
      checkNotClosed();
      hit = null;
    }
    if (hit == null) {
      exhausted = true;
      return false;
    }
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
    }
    ids[count] = hit.id();
    window.put(count++, hit.entry());
    return true;
  }

  /** Makes the result at {@code position} current; false if it has since been deleted. */
  private boolean land() throws LdapException {
    Entry entry = window.remove(position);
    if (entry == null) {
      entry = refetch.byId(ids[position]);
    }
    // Handed out once, without a deep copy: ApacheDS's entry filters trim and rewrite it.
    current = entry == null ? null : new FreshEntry(entry);
    return current != null;
  }
}
