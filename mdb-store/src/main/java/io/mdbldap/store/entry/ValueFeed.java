package io.mdbldap.store.entry;

import java.io.ObjectInput;

/**
 * The fields {@link org.apache.directory.api.ldap.model.entry.Value#readExternal} reads, served from
 * memory in the order it reads them: the human-readable flag, whether there is a value, its length
 * and bytes, and for human-readable values whether there is a normalized form and the form itself.
 * Every other read is a programming error. One use per instance; not thread-safe.
 */
final class ValueFeed implements ObjectInput {
  private final Object[] fields;
  private int next;

  ValueFeed(Object... fields) {
    this.fields = fields;
  }

  private Object take() {
    if (next == fields.length) {
      throw new IllegalStateException("Value.readExternal read more than the " + fields.length + " fields given");
    }
    return fields[next++];
  }

  @Override
  public boolean readBoolean() {
    return (Boolean) take();
  }

  @Override
  public int readInt() {
    return (Integer) take();
  }

  @Override
  public void readFully(byte[] b) {
    byte[] bytes = (byte[]) take();
    System.arraycopy(bytes, 0, b, 0, b.length);
  }

  @Override
  public String readUTF() {
    return (String) take();
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
