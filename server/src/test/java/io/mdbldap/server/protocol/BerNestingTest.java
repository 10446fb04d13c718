package io.mdbldap.server.protocol;

import static io.mdbldap.server.interop.Ber.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** {@link BerNesting}: nesting depth across reads split anywhere, and the lengths LDAP forbids. */
class BerNestingTest {
  private static final int MAX = 8;
  private static final int LIMIT = 10_000;

  @Test
  void nestingUpToTheMaximumPassesSplitAnywhere() {
    byte[] pdu = nested(MAX);
    for (int split = 0; split <= pdu.length; split++) {
      BerNesting nesting = new BerNesting(MAX);
      assertTrue(nesting.scan(ByteBuffer.wrap(pdu, 0, split), LIMIT), "first " + split + " bytes");
      assertTrue(nesting.scan(ByteBuffer.wrap(pdu, split, pdu.length - split), LIMIT), "the rest after " + split);
    }
  }

  @Test
  void nestingBeyondTheMaximumIsRefusedSplitAnywhere() {
    byte[] pdu = nested(MAX + 1);
    for (int split = 0; split <= pdu.length; split++) {
      BerNesting nesting = new BerNesting(MAX);
      boolean first = nesting.scan(ByteBuffer.wrap(pdu, 0, split), LIMIT);
      assertFalse(first && nesting.scan(ByteBuffer.wrap(pdu, split, pdu.length - split), LIMIT), "split at " + split);
    }
  }

  @Test
  void siblingsAndManyPdusDoNotAddUp() {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int n = 0; n < 100; n++) {
      stream.writeBytes(tlv(0x30, tlv(0x02, new byte[] {1}), nested(MAX - 1), nested(MAX - 1)));
    }
    assertTrue(new BerNesting(MAX).scan(ByteBuffer.wrap(stream.toByteArray()), LIMIT));
  }

  @Test
  void primitiveValuesAreSkippedWhateverTheyHold() {
    byte[] lookalike = nested(MAX * 3);
    assertTrue(new BerNesting(MAX).scan(ByteBuffer.wrap(tlv(0x30, tlv(0x04, lookalike))), LIMIT));
  }

  @Test
  void lengthsLdapForbidsAreRefused() {
    assertFalse(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, (byte) 0x80, 0, 0}), LIMIT), "indefinite");
    assertFalse(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, (byte) 0x85, 1, 0, 0, 0, 0}), LIMIT),
        "five length bytes");
  }

  @Test
  void lengthsBeyondTheLimitOrTheEnclosingElementAreRefused() {
    assertFalse(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, (byte) 0x84, 0x7f, -1, -1, -1}), LIMIT),
        "a request claiming 2 GiB");
    assertTrue(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, (byte) 0x82, 0x27, 0x10}), LIMIT),
        "a request claiming the limit");
    assertFalse(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, (byte) 0x82, 0x27, 0x11}), LIMIT),
        "one byte more");
    assertFalse(new BerNesting(MAX).scan(ByteBuffer.wrap(new byte[] {0x30, 0x05, 0x04, 0x06, 0, 0, 0}), LIMIT),
        "a value longer than its SEQUENCE");
  }

  @Test
  void scanningLeavesTheBufferAsItWas() {
    ByteBuffer buffer = ByteBuffer.wrap(nested(3));
    new BerNesting(MAX).scan(buffer, LIMIT);
    assertEquals(0, buffer.position());
  }

  /** {@code depth} SEQUENCEs around an INTEGER. */
  private static byte[] nested(int depth) {
    byte[] element = tlv(0x02, new byte[] {42});
    for (int level = 0; level < depth; level++) {
      element = tlv(0x30, element);
    }
    return element;
  }
}
