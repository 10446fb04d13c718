package io.mdbldap.store.env;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Byte-level helpers shared by the codecs: direct buffers for lmdbjava, big-endian IDs, varints.
 *
 * <p>IDs are 8-byte big-endian everywhere on disk, so LMDB's memcmp order is numeric order and the
 * files do not depend on the machine's byte order.
 */
public final class Bytes {
  private Bytes() {}

  /** A direct buffer holding {@code bytes}, ready to read (lmdbjava needs direct buffers). */
  public static ByteBuffer direct(byte[] bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
    b.put(bytes).flip();
    return b;
  }

  /** A direct buffer of {@code capacity} bytes, big-endian. */
  public static ByteBuffer allocate(int capacity) {
    return ByteBuffer.allocateDirect(capacity).order(ByteOrder.BIG_ENDIAN);
  }

  /** An 8-byte big-endian key for {@code id}. */
  public static ByteBuffer idKey(long id) {
    ByteBuffer b = allocate(8);
    b.putLong(id).flip();
    return b;
  }

  /** Copies the remaining bytes of {@code buffer} without moving its position. */
  public static byte[] toArray(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Writes an unsigned LEB128 varint. */
  public static void putVarint(ByteBuffer out, int value) {
    int v = value;
    while ((v & ~0x7F) != 0) {
      out.put((byte) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.put((byte) v);
  }

  /** Reads an unsigned LEB128 varint. */
  public static int getVarint(ByteBuffer in) {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }

  /** Size in bytes of {@code value} as a varint. */
  public static int varintSize(int value) {
    int size = 1;
    for (int v = value >>> 7; v != 0; v >>>= 7) {
      size++;
    }
    return size;
  }

  /** Unsigned lexicographic comparison of two byte arrays: LMDB's key order. */
  public static int compare(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }
}
