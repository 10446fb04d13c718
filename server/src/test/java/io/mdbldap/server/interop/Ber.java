package io.mdbldap.server.interop;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Just enough BER to write LDAP PDUs by hand, including the ones no client library would send. */
public final class Ber {
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int INTEGER = 0x02;
  static final int OCTET_STRING = 0x04;
  static final int ENUMERATED = 0x0a;
  static final int BOOLEAN = 0x01;

  private Ber() {}

  /** A tag, a definite length (short form below 128, else four bytes), and the parts as the value. */
  public static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream value = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      value.writeBytes(part);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    out.writeBytes(length(value.size()));
    out.writeBytes(value.toByteArray());
    return out.toByteArray();
  }

  /** A length header; four-byte form from 128 up, so that any length, true or not, can be written. */
  static byte[] length(long length) {
    if (length < 128) {
      return new byte[] {(byte) length};
    }
    return new byte[] {(byte) 0x84, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
        (byte) length};
  }

  /**
   * {@code inner} wrapped in {@code depth} constructed elements, each the only element of the one
   * around it, with four-byte lengths (6 header bytes a level). Written from the inside out in
   * one array: wrapping with {@link #tlv} level by level would copy the bytes depth times.
   *
   * @param tags the tag of each level, from the outside in; repeated when shorter than depth
   */
  public static byte[] nest(byte[] inner, int depth, int... tags) {
    byte[] nested = new byte[inner.length + 6 * depth];
    System.arraycopy(inner, 0, nested, nested.length - inner.length, inner.length);
    int at = nested.length - inner.length;
    for (int level = depth - 1; level >= 0; level--) {
      int length = nested.length - at;
      at -= 6;
      nested[at] = (byte) tags[level % tags.length];
      nested[at + 1] = (byte) 0x84;
      nested[at + 2] = (byte) (length >>> 24);
      nested[at + 3] = (byte) (length >>> 16);
      nested[at + 4] = (byte) (length >>> 8);
      nested[at + 5] = (byte) length;
    }
    return nested;
  }

  static byte[] integer(int value) {
    return tlv(INTEGER, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
  }

  static byte[] string(int tag, String value) {
    return tlv(tag, value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] octets(String value) {
    return string(OCTET_STRING, value);
  }

  static byte[] enumerated(int value) {
    return tlv(ENUMERATED, new byte[] {(byte) value});
  }

  static byte[] bool(boolean value) {
    return tlv(BOOLEAN, new byte[] {(byte) (value ? 0xff : 0)});
  }

  /** An attribute with one value, as an add or a modify carries it (PartialAttribute). */
  static byte[] attribute(String type, String value) {
    return tlv(SEQUENCE, octets(type), tlv(SET, octets(value)));
  }

  /** An LDAPMessage: message ID and one protocol operation. */
  static byte[] message(int id, byte[] operation) {
    return tlv(SEQUENCE, integer(id), operation);
  }
}
