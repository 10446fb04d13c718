package io.mdbldap.store.index;

import java.nio.ByteBuffer;
import java.util.AbstractCollection;
import java.util.Arrays;
import java.util.Iterator;

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

  /** Gathers keys as {@link AttributeIndex#valueKeys} gives them, for one index at a time. */
  static final class Packer extends AbstractCollection<ByteBuffer> {
    private AttributeIndex[] indices = new AttributeIndex[64];
    private int[] ends = new int[64];
    private int[] hashes = new int[64];
    private byte[] data = new byte[1024];
    private int count;
    private int length;
    private AttributeIndex current;

    /** The collection that gathers keys of {@code index}. */
    Packer into(AttributeIndex index) {
      current = index;
      return this;
    }

    /** Copies the remaining bytes of a heap buffer (as {@link IndexKeys} keys are wrapped). */
    @Override
    public boolean add(ByteBuffer key) {
      int n = key.remaining();
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
        indices = Arrays.copyOf(indices, count * 2);
        hashes = Arrays.copyOf(hashes, count * 2);
      }
      if (length + n > data.length) {
        data = Arrays.copyOf(data, Math.max(length + n, data.length * 2));
      }
      System.arraycopy(key.array(), key.arrayOffset() + key.position(), data, length, n);
      hashes[count] = hash(data, length, length + n);
      length += n;
      indices[count] = current;
      ends[count++] = length;
      return true;
    }

    EntryKeys pack() {
      return new EntryKeys(Arrays.copyOf(indices, count), Arrays.copyOf(data, length), Arrays.copyOf(ends, count),
          Arrays.copyOf(hashes, count));
    }

    @Override
    public Iterator<ByteBuffer> iterator() {
      throw new UnsupportedOperationException("a packer is written to, not read");
    }

    @Override
    public int size() {
      return count;
    }
  }
}
