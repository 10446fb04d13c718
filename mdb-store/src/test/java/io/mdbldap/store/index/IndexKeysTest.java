package io.mdbldap.store.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.Test;

/** Index keys are CESU-8 bytes behind a kind byte, substring keys included, whatever the script. */
class IndexKeysTest {
  /** ASCII, Latin-1, 3-byte BMP (CJK, euro sign) and a surrogate pair (emoji). */
  private static final String MIXED = "ab é€日本 \uD83D\uDE00z";

  /** Java's modified UTF-8 is CESU-8 for strings without U+0000: the reference. */
  private static byte[] reference(String s) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DataOutputStream(bytes).writeUTF(s);
    return Arrays.copyOfRange(bytes.toByteArray(), 2, bytes.size());
  }

  private static byte[] key(byte kind, String piece) throws IOException {
    byte[] body = reference(piece);
    byte[] key = new byte[1 + body.length];
    key[0] = kind;
    System.arraycopy(body, 0, key, 1, body.length);
    return key;
  }

  @Test
  void cesu8EncodesEachUtf16UnitOnItsOwn() throws IOException {
    assertArrayEquals(reference(MIXED), IndexKeys.cesu8(MIXED));
  }

  @Test
  void substringKeysAreTheKindAndTheWindowsBytes() throws IOException {
    for (String value : List.of(MIXED, " smith,  john ", "ab")) {
      List<byte[]> keys = new ArrayList<>();
      IndexKeys.substrings(value, true, true, true, keys::add);
      int n = value.length();
      int at = 0;
      for (int k = IndexKeys.SUB_MIN; k <= Math.min(IndexKeys.SUB_LEN, n); k++) {
        assertArrayEquals(key(IndexKeys.SUBINITIAL, value.substring(0, k)), keys.get(at++), value);
        assertArrayEquals(key(IndexKeys.SUBFINAL, value.substring(n - k)), keys.get(at++), value);
      }
      for (int i = 0; i + IndexKeys.SUB_LEN <= n; i++) {
        assertArrayEquals(key(IndexKeys.SUBANY, value.substring(i, i + IndexKeys.SUB_LEN)), keys.get(at++), value);
      }
      assertEquals(keys.size(), at, value);
    }
  }

  @Test
  void equalityKeysIntoASinkAreTheKeysSearchesLookUp() {
    AttributeType cn = new DefaultSchemaManager().getAttributeType("cn");
    for (String value : List.of(" smith  john ", "x".repeat(IndexKeys.EXACT_MAX), "y".repeat(IndexKeys.EXACT_MAX + 1), MIXED,
        "\u00e9".repeat(IndexKeys.EXACT_MAX))) {
      List<byte[]> keys = new ArrayList<>();
      IndexKeys.equality(cn, value, keys::add);
      assertEquals(1, keys.size());
      assertArrayEquals(IndexKeys.equality(cn, value), keys.get(0), value);
    }
  }
}
