package io.mdbldap.store.env;

import java.nio.ByteBuffer;

/**
 * Reusable direct buffers for the keys and values of writes and lookups. lmdbjava takes direct
 * buffers only, and allocating one per key ({@code allocateDirect}: native memory, a reservation
 * against the direct-memory limit, a Cleaner to run later) cost more than the LMDB put itself in a
 * bulk load, and a few microseconds per dn2id step of a read. LMDB copies keys and values into its
 * pages during {@code mdb_put} and {@code mdb_del}, and reads a lookup's key only during the call
 * (a cursor's key afterwards is lmdbjava's own buffer), so a buffer is free again as soon as the
 * call returns.
 *
 * <p>Each thread has its own buffers: a write transaction belongs to one thread, and several
 * databases may be written at once. The three slots are distinct, so one call may use a key, an
 * ID and a value together; two keys at once need a direct buffer of their own.
 */
public final class Scratch {
  /** Values up to this size reuse the value buffer; larger ones (photos...) get a buffer of their own. */
  private static final int MAX_REUSED_VALUE = 64 * 1024;
  /** LMDB's default maximum key size. */
  private static final int MAX_KEY = 511;
  private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

  private final ByteBuffer key = Bytes.allocate(MAX_KEY);
  private final ByteBuffer id = Bytes.allocate(8);
  private ByteBuffer value = Bytes.allocate(4096);

  private Scratch() {}

  /** This thread's buffers. */
  public static Scratch mine() {
    return MINE.get();
  }

  /** {@code bytes} in the key buffer, ready to read; valid until the next call to {@code key}. */
  public ByteBuffer key(byte[] bytes) {
    if (bytes.length > MAX_KEY) {
      return Bytes.direct(bytes);
    }
    key.clear();
    key.put(bytes).flip();
    return key;
  }

  /** {@code id} as an 8-byte big-endian key, in the ID buffer; valid until the next call to {@code id}. */
  public ByteBuffer id(long value) {
    id.clear();
    id.putLong(value).flip();
    return id;
  }

  /** {@code bytes} in the value buffer, ready to read; valid until the next call to {@code value}. */
  public ByteBuffer value(byte[] bytes) {
    if (bytes.length > MAX_REUSED_VALUE) {
      return Bytes.direct(bytes);
    }
    if (bytes.length > value.capacity()) {
      value = Bytes.allocate(Math.max(bytes.length, value.capacity() * 2));
    }
    value.clear();
    value.put(bytes).flip();
    return value;
  }
}
