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
 * keys repeat across values).
 */
final class Postings {
  private final Map<AttributeIndex, Map<ByteBuffer, IdRun>> byIndex = new HashMap<>();
  private ByteBuffer run = Bytes.allocate(8 * 1024);

  /** Adds every key of the entry {@code id}. */
  void add(long id, Map<AttributeIndex, Set<ByteBuffer>> keys) {
    keys.forEach((index, set) -> {
      Map<ByteBuffer, IdRun> runs = byIndex.computeIfAbsent(index, i -> new HashMap<>());
      for (ByteBuffer key : set) {
        runs.computeIfAbsent(key, k -> new IdRun()).add(id);
      }
    });
  }

  /** Writes everything gathered. */
  void write(Txn<ByteBuffer> txn) {
    byIndex.forEach((index, runs) -> {
      ByteBuffer[] keys = runs.keySet().toArray(new ByteBuffer[0]);
      Arrays.sort(keys, (a, b) -> Bytes.compare(a.array(), b.array()));
      try (Cursor<ByteBuffer> cursor = index.dbi().openCursor(txn)) {
        for (ByteBuffer key : keys) {
          IdRun ids = runs.get(key);
          ids.sort();
          index.putAll(txn, cursor, key.array(), ids.ids, ids.count, buffer(ids.count));
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

  /** The IDs under one key: a growable array of primitive longs, no boxing. */
  private static final class IdRun {
    private long[] ids = new long[4];
    private int count;
    private boolean ascending = true;

    void add(long id) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
      }
      ascending &= count == 0 || ids[count - 1] < id;
      ids[count++] = id;
    }

    /** Sorts the IDs unless they came in ascending order (as they do from a load in ID order). */
    void sort() {
      if (!ascending) {
        Arrays.sort(ids, 0, count);
        ascending = true;
      }
    }
  }
}
