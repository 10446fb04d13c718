package io.mdbldap.store.entry;

import java.io.ObjectInput;

/**
 * The fields {@link org.apache.directory.api.ldap.model.entry.Value#readExternal} reads, served from
 * memory in the order it reads them: the human-readable flag, whether there is a value (always),
 * its length and bytes (copied straight from where they lie, an encoded entry say), and for
 * human-readable values whether there is a normalized form and the form itself. Every other read
 * is a programming error. One use per instance; not thread-safe.
 */
final class ValueFeed implements ObjectInput {
  private final boolean humanReadable;
  private final byte[] source;
  private final int offset;
  private final int length;
  private final String normalized;
  private int booleansRead;

  /**
   * @param source holds the user value's bytes at {@code offset}, {@code length} long
   * @param normalized the normalized form of a human-readable value, null for a binary one
   */
  ValueFeed(boolean humanReadable, byte[] source, int offset, int length, String normalized) {
    this.humanReadable = humanReadable;
    this.source = source;
    this.offset = offset;
    this.length = length;
    this.normalized = normalized;
  }

  @Override
  public boolean readBoolean() {
    int field = booleansRead++;
    if (field == 0) {
      return humanReadable;
    }
    if (field == 1) {
      return true;
    }
    if (field == 2 && humanReadable) {
      return normalized != null;
    }
    throw unexpected();
  }

  @Override
  public int readInt() {
    return length;
  }

  @Override
  public void readFully(byte[] b) {
    System.arraycopy(source, offset, b, 0, b.length);
  }

  @Override
  public String readUTF() {
    return normalized;
  }

  @Override
  public void readFully(byte[] b, int off, int len) {
    throw unexpected();
  }

  @Override
  public int skipBytes(int n) {
    throw unexpected();
  }

  @Override
  public byte readByte() {
    throw unexpected();
  }

  @Override
  public int readUnsignedByte() {
    throw unexpected();
  }

  @Override
  public short readShort() {
    throw unexpected();
  }

  @Override
  public int readUnsignedShort() {
    throw unexpected();
  }

  @Override
  public char readChar() {
    throw unexpected();
  }

  @Override
  public long readLong() {
    throw unexpected();
  }

  @Override
  public float readFloat() {
    throw unexpected();
  }

  @Override
  public double readDouble() {
    throw unexpected();
  }

  @Override
  public String readLine() {
    throw unexpected();
  }

  @Override
  public Object readObject() {
    throw unexpected();
  }

  @Override
  public int read() {
    throw unexpected();
  }

  @Override
  public int read(byte[] b) {
    throw unexpected();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    throw unexpected();
  }

  @Override
  public long skip(long n) {
    throw unexpected();
  }

  @Override
  public int available() {
    return 0;
  }

  @Override
  public void close() {
    // nothing to release
  }

  private static UnsupportedOperationException unexpected() {
    return new UnsupportedOperationException("Value.readExternal read a field ValueFeed does not serve");
  }
}
