package io.mdbldap.server.interop;

import java.util.Arrays;
import java.util.Random;

/**
 * Turns valid PDUs into hostile ones, each way chosen from a seeded {@link Random}: flipped bytes,
 * truncations, lengths claiming up to 2 GiB, wrong tags, invalid UTF-8 in strings, sequences nested
 * thousands deep, and plain garbage.
 */
final class Mutator {
  /** Bytes that are never valid UTF-8, or start a sequence the next byte does not continue. */
  private static final byte[] BAD_UTF8 = {(byte) 0xff, (byte) 0xc3, (byte) 0x80, (byte) 0xed, (byte) 0xf5};

  private final Random random;

  Mutator(Random random) {
    this.random = random;
  }

  /** A hostile variant of {@code pdu}, or something else entirely. */
  byte[] mutate(byte[] pdu) {
    return switch (random.nextInt(8)) {
      case 0 -> flipBytes(pdu);
      case 1 -> Arrays.copyOf(pdu, random.nextInt(pdu.length));
      case 2 -> hugeLength(pdu);
      case 3 -> wrongTag(pdu);
      case 4 -> badUtf8(pdu);
      case 5 -> Ber.nest(Ber.tlv(Ber.SEQUENCE), 300 + random.nextInt(5_000), Ber.SEQUENCE);
      case 6 -> garbage();
      default -> lengthOffByOne(pdu);
    };
  }

  private byte[] flipBytes(byte[] pdu) {
    byte[] copy = pdu.clone();
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
    }
    return copy;
  }

  /** A four-byte length up to 2^31 - 1 inserted after the first tag or anywhere, the rest left as is. */
  private byte[] hugeLength(byte[] pdu) {
    int at = random.nextBoolean() ? 1 : 1 + random.nextInt(pdu.length - 1);
    long length = random.nextBoolean() ? Integer.MAX_VALUE : random.nextInt(Integer.MAX_VALUE);
    byte[] header = Ber.length(Math.max(length, 128));
    byte[] copy = new byte[pdu.length + header.length];
    System.arraycopy(pdu, 0, copy, 0, at);
    System.arraycopy(header, 0, copy, at, header.length);
    System.arraycopy(pdu, at, copy, at + header.length, pdu.length - at);
    return copy;
  }

  private byte[] wrongTag(byte[] pdu) {
    byte[] copy = pdu.clone();
    int[] tags = {0x00, 0x1f, 0x30, 0x31, 0x04, 0x60, 0x63, 0x64, 0x65, 0x78, 0xa0, 0xbf, 0xff};
    // The first byte, or the operation's tag after the message ID, or anywhere.
    int at = switch (random.nextInt(3)) {
      case 0 -> 0;
      case 1 -> Math.min(copy.length - 1, 2 + (copy[1] < 0 ? (copy[1] & 0x7f) : 0) + 6);
      default -> random.nextInt(copy.length);
    };
    copy[at] = (byte) tags[random.nextInt(tags.length)];
    return copy;
  }

  /** A byte of a string (any byte past the message header) replaced by one no UTF-8 string has. */
  private byte[] badUtf8(byte[] pdu) {
    byte[] copy = pdu.clone();
    int at = Math.min(copy.length - 1, 12 + random.nextInt(Math.max(1, copy.length - 12)));
    copy[at] = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
    return copy;
  }

  private byte[] lengthOffByOne(byte[] pdu) {
    byte[] copy = pdu.clone();
    if (copy[1] >= 0) {
      copy[1] = (byte) Math.max(0, copy[1] + (random.nextBoolean() ? 1 : -1));
    }
    return copy;
  }

  private byte[] garbage() {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    random.nextBytes(bytes);
    return bytes;
  }
}
