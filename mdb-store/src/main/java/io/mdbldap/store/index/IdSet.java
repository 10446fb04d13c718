package io.mdbldap.store.index;

import java.util.PrimitiveIterator;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64NavigableMap;

/**
 * A set of entry IDs, or ALL: back-mdb's IDL. An unindexed filter term yields ALL, which
 * intersects as the identity and unites as ALL. Compressed (Roaring) so that even a million IDs
 * cost little memory.
 */
public final class IdSet {
  private static final IdSet ALL = new IdSet(null);

  private final Roaring64NavigableMap ids;

  private IdSet(Roaring64NavigableMap ids) {
    this.ids = ids;
  }

  public static IdSet all() {
    return ALL;
  }

  public static IdSet empty() {
    return new IdSet(new Roaring64NavigableMap());
  }

  public static IdSet of(long... values) {
    IdSet set = empty();
    for (long v : values) {
      set.ids.addLong(v);
    }
    return set;
  }

  public boolean isAll() {
    return ids == null;
  }

  public boolean isEmpty() {
    return ids != null && ids.isEmpty();
  }

  /** The number of IDs; {@link Long#MAX_VALUE} for ALL. */
  public long size() {
    return ids == null ? Long.MAX_VALUE : ids.getLongCardinality();
  }

  public boolean contains(long id) {
    return ids == null || ids.contains(id);
  }

  /** Adds {@code id}; this set must not be ALL. */
  public void add(long id) {
    ids.addLong(id);
  }

  public IdSet and(IdSet other) {
    if (isAll()) {
      return other;
    }
    if (other.isAll()) {
      return this;
    }
    Roaring64NavigableMap r = copy();
    r.and(other.ids);
    return new IdSet(r);
  }

  public IdSet or(IdSet other) {
    if (isAll() || other.isAll()) {
      return ALL;
    }
    Roaring64NavigableMap r = copy();
    r.or(other.ids);
    return new IdSet(r);
  }

  /** The IDs in ascending order; this set must not be ALL. */
  public PrimitiveIterator.OfLong iterator() {
    LongIterator it = ids.getLongIterator();
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

  private Roaring64NavigableMap copy() {
    Roaring64NavigableMap r = new Roaring64NavigableMap();
    r.or(ids);
    return r;
  }

  @Override
  public String toString() {
    return isAll() ? "ALL" : "IdSet(" + size() + ")";
  }
}
