package io.mdbldap.store.index;

import io.mdbldap.store.env.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * The index keys of many entries gathered for one write transaction: per index, per key, the IDs.
 * Written index by index in key order, each key's IDs in one go, so a bulk load costs one B-tree
 * descent per distinct key and write instead of one per (key, ID) pair, and sorts only the
 * distinct keys (far fewer than the pairs: every entry shares its objectClass keys, and substring
 * keys repeat across values). Into an empty index the sorted keys are appended ({@code MDB_APPEND}),
 * with no descent at all. Not thread-safe.
 *
 * <p>A bulk load adds hundreds of thousands of (key, ID) pairs per batch, so the gathering is
 * built of primitive arrays, not maps of objects (a HashMap of keys to ID lists took half the
 * loading thread's time in lookups and the collector's): the distinct keys lie end to end in one
 * byte array, found through an open-addressing table of key numbers; the (key number, ID) pairs
 * lie in two parallel arrays in the order they came, grouped by key with one counting sort before
 * the write (sequential passes, where following a chain per key missed the cache at every step).
 */
public final class Postings {
  /** Index numbers in order of first use, so that keys sort index by index. */
  private final Map<AttributeIndex, Integer> indexNumbers = new IdentityHashMap<>();
  private AttributeIndex[] indexByNumber = new AttributeIndex[8];

  /** Distinct key {@code k} is {@code keyData[keyStarts[k]..keyStarts[k + 1])}. */
  private byte[] keyData = new byte[16 * 1024];
  private int[] keyStarts = new int[1025];
  private int[] keyIndex = new int[1024];
  /** Per key, the last ID added under it. */
  private long[] lastId = new long[1024];
  private int keyCount;

  /**
   * Open addressing, at most half full: per slot the key's hash (high half) and its number + 1 (low
   * half), 0 for an empty slot. The hash beside the number lets a probe pass other keys without
   * reading their arrays: on a table of megabytes, each such read missed the cache, and the
   * lookups were a fifth of the loading thread's time.
   */
  private long[] slots = new long[2048];

  /** Posting {@code p}: the ID {@code ids[p]} under the key {@code postingKeys[p]}. */
  private long[] ids = new long[4096];
  private int[] postingKeys = new int[4096];
  private int postingCount;

  private ByteBuffer run = Bytes.allocate(8 * 1024);

  /**
   * Heap bytes of one gathered key besides its own bytes: its start, index number and last ID, two
   * slots of the table, and while writing a start, a place in the order and a boxed number.
   */
  private static final int KEY_BYTES = 4 + 4 + 8 + 2 * 8 + 4 + 4 + 16;
  /** Heap bytes of one (key, ID) pair: the ID and key number, and the ID again while writing. */
  private static final int POSTING_BYTES = 8 + 4 + 8;

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
    int number = indexNumber(index);
    int slot = slotOf(number, data, from, to, hash);
    int key = (int) slots[slot] - 1;
    if (key < 0) {
      key = newKey(slot, number, data, from, to, hash);
    } else if (lastId[key] == id) {
      return; // one entry, one key from two values: counted once
    }
    append(key, id);
  }

  private int indexNumber(AttributeIndex index) {
    Integer number = indexNumbers.get(index);
    if (number != null) {
      return number;
    }
    int n = indexNumbers.size();
    indexNumbers.put(index, n);
    if (n == indexByNumber.length) {
      indexByNumber = Arrays.copyOf(indexByNumber, n * 2);
    }
    indexByNumber[n] = index;
    return n;
  }

  /** The slot that holds this key, or the empty slot where it belongs. */
  private int slotOf(int index, byte[] data, int from, int to, int hash) {
    int mask = slots.length - 1;
    for (int s = spread(hash) & mask; ; s = (s + 1) & mask) {
      long slot = slots[s];
      int key = (int) slot - 1;
      if (key < 0 || (int) (slot >>> 32) == hash && keyIndex[key] == index
          && Arrays.equals(keyData, keyStarts[key], keyStarts[key + 1], data, from, to)) {
        return s;
      }
    }
  }

  /** Hash codes of similar keys differ in their low bits little; the table uses only those. */
  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  private int newKey(int slot, int index, byte[] data, int from, int to, int hash) {
    int key = keyCount++;
    if (keyCount == keyIndex.length) {
      int n = keyCount * 2;
      keyStarts = Arrays.copyOf(keyStarts, n + 1);
      keyIndex = Arrays.copyOf(keyIndex, n);
      lastId = Arrays.copyOf(lastId, n);
    }
    int start = keyStarts[key];
    int end = start + to - from;
    if (end > keyData.length) {
      keyData = Arrays.copyOf(keyData, Math.max(end, keyData.length * 2));
    }
    System.arraycopy(data, from, keyData, start, to - from);
    keyStarts[key + 1] = end;
    keyIndex[key] = index;
    slots[slot] = (long) hash << 32 | key + 1;
    if (keyCount * 2 > slots.length) {
      rehash();
    }
    return key;
  }

  private void rehash() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long slot : old) {
      if (slot != 0) {
        int s = spread((int) (slot >>> 32)) & mask;
        while (slots[s] != 0) {
          s = (s + 1) & mask;
        }
        slots[s] = slot;
      }
    }
  }

  private void append(int key, long id) {
    int p = postingCount++;
    if (p == ids.length) {
      ids = Arrays.copyOf(ids, p * 2);
      postingKeys = Arrays.copyOf(postingKeys, p * 2);
    }
    ids[p] = id;
    postingKeys[p] = key;
    lastId[key] = id;
  }

  /**
   * About how much heap what is gathered takes, the temporary arrays of {@link #write} included:
   * a caller that gathers across many entries writes and {@link #clear clears} past a bound.
   */
  public long bytes() {
    return (long) postingCount * POSTING_BYTES + (long) keyCount * KEY_BYTES + keyStarts[keyCount];
  }

  /** Whether nothing is gathered. */
  public boolean isEmpty() {
    return postingCount == 0;
  }

  /** Forgets everything gathered, keeping the arrays for the next round. */
  public void clear() {
    Arrays.fill(slots, 0);
    keyCount = 0;
    postingCount = 0;
  }

  /**
   * Writes everything gathered; changes nothing here, so a write that {@code MDB_MAP_FULL} undid
   * can be run again.
   */
  public void write(Txn<ByteBuffer> txn) {
    int[] starts = new int[keyCount + 1];
    long[] grouped = groupByKey(starts);
    Integer[] order = new Integer[keyCount];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, this::compareKeys);
    int i = 0;
    while (i < order.length) {
      int index = keyIndex[order[i]];
      AttributeIndex target = indexByNumber[index];
      try (Cursor<ByteBuffer> cursor = target.dbi().openCursor(txn)) {
        // Every key is new to an empty index, and they come in its order: each can go at the end.
        boolean append = !cursor.first();
        for (; i < order.length && keyIndex[order[i]] == index; i++) {
          int key = order[i];
          int end = ascending(grouped, starts[key], starts[key + 1]);
          byte[] bytes = Arrays.copyOfRange(keyData, keyStarts[key], keyStarts[key + 1]);
          target.putAll(txn, cursor, bytes, grouped, starts[key], end, buffer(end - starts[key]), append);
        }
      }
    }
  }

  /**
   * The IDs grouped by key, in the order they came within a key: key {@code k}'s are
   * {@code [starts[k], starts[k + 1])}.
   */
  private long[] groupByKey(int[] starts) {
    for (int p = 0; p < postingCount; p++) {
      starts[postingKeys[p] + 1]++;
    }
    for (int k = 0; k < keyCount; k++) {
      starts[k + 1] += starts[k];
    }
    int[] fill = Arrays.copyOf(starts, keyCount);
    long[] grouped = new long[postingCount];
    for (int p = 0; p < postingCount; p++) {
      grouped[fill[postingKeys[p]]++] = ids[p];
    }
    return grouped;
  }

  /**
   * Makes {@code ids[from..to)} ascending without repeats (sorting only if they did not come in
   * order, as they do from a load in ID order); returns the new end.
   */
  private static int ascending(long[] ids, int from, int to) {
    boolean inOrder = true;
    for (int j = from + 1; j < to && inOrder; j++) {
      inOrder = ids[j - 1] < ids[j];
    }
    if (inOrder) {
      return to;
    }
    Arrays.sort(ids, from, to);
    int kept = from;
    for (int j = from; j < to; j++) {
      if (kept == from || ids[kept - 1] != ids[j]) {
        ids[kept++] = ids[j];
      }
    }
    return kept;
  }

  /** Index by index, then in LMDB's key order (unsigned bytes). */
  private int compareKeys(Integer a, Integer b) {
    int byIndex = Integer.compare(keyIndex[a], keyIndex[b]);
    return byIndex != 0 ? byIndex : Arrays.compareUnsigned(keyData, keyStarts[a], keyStarts[a + 1],
        keyData, keyStarts[b], keyStarts[b + 1]);
  }

  /** A direct buffer for {@code count} IDs, reused while it is big enough. */
  private ByteBuffer buffer(int count) {
    if (run.capacity() < count * 8) {
      run = Bytes.allocate(Math.max(count * 8, run.capacity() * 2));
    }
    run.clear();
    return run;
  }
}
