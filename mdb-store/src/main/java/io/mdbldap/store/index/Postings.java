package io.mdbldap.store.index;

import io.mdbldap.store.env.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * The index keys of many entries gathered for one write transaction: per index, per key, the IDs.
 * Written index by index in key order, each key's IDs in one go, so a bulk load costs one B-tree
 * descent per distinct key and batch instead of one per (key, ID) pair, and sorts only the
 * distinct keys (far fewer than the pairs: every entry shares its objectClass keys, and substring
 * keys repeat across values). Not thread-safe.
 */
public final class Postings {
  private final Map<AttributeIndex, Map<Key, IdRun>> byIndex = new HashMap<>();
  /** The key looked up: a window on an entry's packed keys, so a key seen before costs no allocation. */
  private final Key probe = new Key();
  private ByteBuffer run = Bytes.allocate(8 * 1024);

  /** Adds every key of the entry {@code id}. */
  public void add(long id, EntryKeys keys) {
    for (int i = 0; i < keys.size(); i++) {
      add(keys.index(i), keys.data(), keys.start(i), keys.end(i), keys.hash(i), id);
    }
  }

  /** Adds every key of the entry {@code id}. */
  public void add(long id, Map<AttributeIndex, Set<ByteBuffer>> keys) {
    keys.forEach((index, set) -> set.forEach(key -> {
      byte[] bytes = key.array();
      add(index, bytes, 0, bytes.length, EntryKeys.hash(bytes, 0, bytes.length), id);
    }));
  }

  private void add(AttributeIndex index, byte[] data, int from, int to, int hash, long id) {
    Map<Key, IdRun> runs = byIndex.computeIfAbsent(index, i -> new HashMap<>());
    IdRun ids = runs.get(probe.on(data, from, to, hash));
    if (ids == null) {
      ids = new IdRun();
      runs.put(new Key().on(Arrays.copyOfRange(data, from, to), 0, to - from, hash), ids);
    }
    ids.add(id);
  }

  /** Writes everything gathered. */
  public void write(Txn<ByteBuffer> txn) {
    byIndex.forEach((index, runs) -> {
      Key[] keys = runs.keySet().toArray(new Key[0]);
      Arrays.sort(keys, (a, b) -> Bytes.compare(a.bytes, b.bytes));
      try (Cursor<ByteBuffer> cursor = index.dbi().openCursor(txn)) {
        for (Key key : keys) {
          IdRun ids = runs.get(key);
          ids.sort();
          index.putAll(txn, cursor, key.bytes, ids.ids, ids.count, buffer(ids.count));
        }
      }
    });
  }

  /** A direct buffer for {@code count} IDs, reused while it is big enough. */
  private ByteBuffer buffer(int count) {
    if (run.capacity() < count * 8) {
      run = Bytes.allocate(Math.max(count * 8, run.capacity() * 2));
    }
    run.clear();
    return run;
  }

  /** Key bytes {@code bytes[from..to)}; those stored in the map span their whole array. */
  private static final class Key {
    private byte[] bytes;
    private int from;
    private int to;
    private int hash;

    /** This key as {@code bytes[from..to)}, whose {@link EntryKeys#hash} is {@code hash}. */
    Key on(byte[] bytes, int from, int to, int hash) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
      this.hash = hash;
      return this;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key k && hash == k.hash
          && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
    }
  }

  /** The IDs under one key: a growable array of primitive longs, no boxing. */
  private static final class IdRun {
    private long[] ids = new long[4];
    private int count;
    private boolean ascending = true;

    /** Adds {@code id}; the same ID twice in a row (one entry, one key from two values) counts once. */
    void add(long id) {
      if (count > 0 && ids[count - 1] == id) {
        return;
      }
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
      }
      ascending &= count == 0 || ids[count - 1] < id;
      ids[count++] = id;
    }

    /** Sorts the IDs unless they came in ascending order (as they do from a load in ID order), dropping repeats. */
    void sort() {
      if (ascending) {
        return;
      }
      Arrays.sort(ids, 0, count);
      int kept = 0;
      for (int i = 0; i < count; i++) {
        if (kept == 0 || ids[kept - 1] != ids[i]) {
          ids[kept++] = ids[i];
        }
      }
      count = kept;
      ascending = true;
    }
  }
}
