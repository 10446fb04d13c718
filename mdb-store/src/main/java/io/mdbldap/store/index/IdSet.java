package io.mdbldap.store.index;

import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * A set of entry IDs, or ALL: back-mdb's IDL. An unindexed filter term yields ALL, which
 * intersects as the identity and unites as ALL.
 *
 * <p>Up to {@value #SMALL} IDs are a sorted array: most searches name one entry or a few
 * ({@code (uid=x)}, OR'ed by the server with the usually empty {@code (objectClass=referral)}),
 * and for them a Roaring bitmap's allocation, clone per AND/OR and cumulative cardinality
 * were most of the cost of computing candidates. Past that the set becomes Roaring, compressed so
 * that even a million IDs cost little memory, and stays Roaring.
 *
 * <p>Sets are built by {@link #add} on one thread, then only read; {@link #and} and {@link #or}
 * may return one of their operands, so a set must not be added to once it has been combined.
 */
public final class IdSet {
  /** The most IDs kept as a sorted array. */
  static final int SMALL = 32;
  private static final long[] NONE = new long[0];
  private static final IdSet ALL = new IdSet(null, null, 0);

  /** The IDs when small, ascending, the first {@link #count} in use; null once Roaring or ALL. */
  private long[] sorted;
  private int count;
  /** The IDs once past {@value #SMALL}; null while small or ALL. */
  private Roaring64NavigableMap ids;

  private IdSet(long[] sorted, Roaring64NavigableMap ids, int count) {
    this.sorted = sorted;
    this.ids = ids;
    this.count = count;
  }

  public static IdSet all() {
    return ALL;
  }

  public static IdSet empty() {
    return new IdSet(NONE, null, 0);
  }

  public static IdSet of(long... values) {
    IdSet set = empty();
    for (long v : values) {
      set.add(v);
    }
    return set;
  }

  public boolean isAll() {
    return sorted == null && ids == null;
  }

  public boolean isEmpty() {
    return sorted != null ? count == 0 : ids != null && ids.isEmpty();
  }

  /** The number of IDs; {@link Long#MAX_VALUE} for ALL. */
  public long size() {
    if (sorted != null) {
      return count;
    }
    return ids == null ? Long.MAX_VALUE : ids.getLongCardinality();
  }

  public boolean contains(long id) {
    if (sorted != null) {
      return indexOf(id) >= 0;
    }
    return ids == null || ids.contains(id);
  }

  /** Adds {@code id}; this set must not be ALL. */
  public void add(long id) {
    if (sorted == null) {
      ids.addLong(id);
      return;
    }
    // IDs mostly come in ascending order (index pages, candidates walked in order): append.
    if (count > 0 && Long.compareUnsigned(id, sorted[count - 1]) <= 0) {
      insert(id);
    } else if (count < SMALL) {
      append(id);
    } else {
      toRoaring().addLong(id);
    }
  }

  private void append(long id) {
    if (count == sorted.length) {
      sorted = Arrays.copyOf(sorted, Math.min(SMALL, Math.max(4, count * 2)));
    }
    sorted[count++] = id;
  }

  private void insert(long id) {
    int at = indexOf(id);
    if (at >= 0) {
      return;
    }
    if (count == SMALL) {
      toRoaring().addLong(id);
      return;
    }
    append(0);
    int slot = -at - 1;
    System.arraycopy(sorted, slot, sorted, slot + 1, count - 1 - slot);
    sorted[slot] = id;
  }

  /** Turns this small set into a Roaring one, for good. */
  private Roaring64NavigableMap toRoaring() {
    Roaring64NavigableMap r = new Roaring64NavigableMap();
    for (int i = 0; i < count; i++) {
      r.addLong(sorted[i]);
    }
    ids = r;
    sorted = null;
    count = 0;
    return r;
  }

  /** Where {@code id} is among the small IDs, or {@code -(insertion point) - 1}. */
  private int indexOf(long id) {
    int low = 0;
    int high = count - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int cmp = Long.compareUnsigned(sorted[mid], id);
      if (cmp < 0) {
        low = mid + 1;
      } else if (cmp > 0) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -low - 1;
  }

  public IdSet and(IdSet other) {
    if (isAll()) {
      return other;
    }
    if (other.isAll()) {
      return this;
    }
    if (sorted != null || other.sorted != null) {
      // The result has at most the small side's IDs: test each of them against the other side.
      IdSet small = sorted != null ? this : other;
      IdSet big = small == this ? other : this;
      IdSet result = empty();
      for (int i = 0; i < small.count; i++) {
        if (big.contains(small.sorted[i])) {
          result.append(small.sorted[i]);
        }
      }
      return result;
    }
    Roaring64NavigableMap r = copy(ids);
    r.and(other.ids);
    return new IdSet(null, r, 0);
  }

  public IdSet or(IdSet other) {
    if (isAll() || other.isAll()) {
      return ALL;
    }
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    IdSet big = sorted == null ? this : other;
    IdSet small = big == this ? other : this;
    IdSet result = big.sorted == null ? new IdSet(null, copy(big.ids), 0) : big.copySmall();
    for (int i = 0; i < small.count; i++) {
      result.add(small.sorted[i]);
    }
    if (small.sorted == null) {
      result.ids.or(small.ids);
    }
    return result;
  }

  private IdSet copySmall() {
    return new IdSet(Arrays.copyOf(sorted, SMALL), null, count);
  }

  /** The IDs in ascending order; this set must not be ALL. */
  public PrimitiveIterator.OfLong iterator() {
    return sorted != null ? new SmallIterator(sorted, count) : roaringIterator(ids.getLongIterator());
  }

  private static PrimitiveIterator.OfLong roaringIterator(LongIterator it) {
    return new PrimitiveIterator.OfLong() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public long nextLong() {
        return it.next();
      }
    };
  }

  /** Iterates a small set's array. */
  private static final class SmallIterator implements PrimitiveIterator.OfLong {
    private final long[] sorted;
    private final int count;
    private int next;

    SmallIterator(long[] sorted, int count) {
      this.sorted = sorted;
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public long nextLong() {
      if (next >= count) {
        throw new NoSuchElementException();
      }
      return sorted[next++];
    }
  }

  private static Roaring64NavigableMap copy(Roaring64NavigableMap source) {
    Roaring64NavigableMap r = new Roaring64NavigableMap();
    r.or(source);
    return r;
  }

  @Override
  public String toString() {
    return isAll() ? "ALL" : "IdSet(" + size() + ")";
  }
}
