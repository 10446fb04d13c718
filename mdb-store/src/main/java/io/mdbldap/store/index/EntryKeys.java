package io.mdbldap.store.index;

import java.util.Arrays;

/**
 * The index keys of one entry, packed end to end in one array, each with its index; a key may
 * appear twice (two values giving the same substring). A bulk load holds thousands of entries'
 * keys at once, and a set of wrapped arrays per entry cost the collector more than anything
 * else: this is four arrays per entry. Each key's hash is computed here too, on the thread that
 * prepares entries, so the loading thread only looks keys up.
 */
public final class EntryKeys {
  private final AttributeIndex[] indices;
  private final byte[] data;
  private final int[] ends;
  private final int[] hashes;

  private EntryKeys(AttributeIndex[] indices, byte[] data, int[] ends, int[] hashes) {
    this.indices = indices;
    this.data = data;
    this.ends = ends;
    this.hashes = hashes;
  }

  /** The hash of {@code bytes[from..to)} that {@link #hash(int)} gives. */
  static int hash(byte[] bytes, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + bytes[i];
    }
    return h;
  }

  /** How many keys (repeats counted). */
  public int size() {
    return ends.length;
  }

  AttributeIndex index(int i) {
    return indices[i];
  }

  byte[] data() {
    return data;
  }

  int start(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  int end(int i) {
    return ends[i];
  }

  int hash(int i) {
    return hashes[i];
  }

  /**
   * Gathers keys as {@link AttributeIndex#valueKeys} gives them, for one index at a time: a key
   * given as text is written straight into the packed array, with no array of its own. Reusable:
   * {@link #reset} keeps the arrays, grown to the largest entry so far. Not thread-safe.
   */
  static final class Packer implements KeySink {
    private AttributeIndex[] indices = new AttributeIndex[64];
    private int[] ends = new int[64];
    private int[] hashes = new int[64];
    private byte[] data = new byte[1024];
    private int count;
    private int length;
    private AttributeIndex current;
    /** The last string {@link #utf8} encoded, by identity, and its bytes (only read, never changed). */
    private String lastString;
    private byte[] lastUtf8;

    /** Forgets the keys gathered, for the next entry. */
    Packer reset() {
      count = 0;
      length = 0;
      current = null;
      lastString = null;
      lastUtf8 = null;
      return this;
    }

    @Override
    public byte[] utf8(String s) {
      if (s != lastString) {
        lastUtf8 = KeySink.super.utf8(s);
        lastString = s;
      }
      return lastUtf8;
    }

    /** The sink that gathers keys of {@code index}. */
    Packer into(AttributeIndex index) {
      current = index;
      return this;
    }

    @Override
    public void add(byte[] key) {
      reserve(key.length);
      System.arraycopy(key, 0, data, length, key.length);
      close(key.length);
    }

    @Override
    public void add(byte kind, String s, int from, int to) {
      int n = IndexKeys.cesu8Length(s, from, to);
      if (n > IndexKeys.EXACT_MAX) {
        add(IndexKeys.hashed(kind, s, from, to));
        return;
      }
      reserve(1 + n);
      data[length] = kind;
      IndexKeys.writeCesu8(s, from, to, data, length + 1);
      close(1 + n);
    }

    @Override
    public void add(byte kind, byte[] ascii, int from, int to) {
      int n = to - from;
      if (n > IndexKeys.EXACT_MAX) {
        add(IndexKeys.prefixed(kind, ascii, from, to));
        return;
      }
      reserve(1 + n);
      data[length] = kind;
      System.arraycopy(ascii, from, data, length + 1, n);
      close(1 + n);
    }

    private void reserve(int n) {
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
        indices = Arrays.copyOf(indices, count * 2);
        hashes = Arrays.copyOf(hashes, count * 2);
      }
      if (length + n > data.length) {
        data = Arrays.copyOf(data, Math.max(length + n, data.length * 2));
      }
    }

    /** Ends the key of {@code n} bytes just written at the end of the data. */
    private void close(int n) {
      hashes[count] = hash(data, length, length + n);
      length += n;
      indices[count] = current;
      ends[count++] = length;
    }

    EntryKeys pack() {
      // Not Arrays.copyOf, which makes an array of an object class reflectively: under C1, the
      // offline tools' compiler, a call into the JVM for every entry.
      AttributeIndex[] packed = new AttributeIndex[count];
      System.arraycopy(indices, 0, packed, 0, count);
      return new EntryKeys(packed, Arrays.copyOf(data, length), Arrays.copyOf(ends, count),
          Arrays.copyOf(hashes, count));
    }
  }
}
