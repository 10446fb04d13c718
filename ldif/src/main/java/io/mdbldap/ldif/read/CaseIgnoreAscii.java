package io.mdbldap.ldif.read;

import java.nio.charset.StandardCharsets;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.normalizers.DeepTrimToLowerNormalizer;

/**
 * The normalized form the Apache LDAP API's {@link DeepTrimToLowerNormalizer} (caseIgnoreMatch:
 * cn, sn, uid, mail...) gives a value of printable ASCII, computed in one pass: a space, the words
 * in lower case two spaces apart, a space ({@code " david  anderson "}; two spaces for a blank
 * value). The API's normalizer first maps and checks the value as Unicode (RFC 4518), which for
 * printable ASCII changes nothing but costs a fifth of reading an entry. Values with any other
 * character are left to the API. Thread-safe (stateless).
 */
final class CaseIgnoreAscii {
  private CaseIgnoreAscii() {}

  /** Whether values of {@code type} are normalized by the rule this class reproduces. */
  static boolean appliesTo(AttributeType type) {
    MatchingRule equality = type.getEquality();
    return equality != null && equality.getNormalizer() != null
        && equality.getNormalizer().getClass() == DeepTrimToLowerNormalizer.class;
  }

  /**
   * The normalized form of {@code value}, or null if it holds anything but printable ASCII. Built
   * in a byte array, one byte per character, and made a Latin-1 string in one copy: a
   * StringBuilder appending char by char cost twice as much.
   */
  static String normalize(String value) {
    int n = value.length();
    // Longest output: one-letter words one space apart ("a b c"), each growing to "a  ", plus the ends.
    byte[] out = new byte[2 * n + 2];
    out[0] = ' ';
    int length = 1;
    boolean inWord = false;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == ' ') {
        inWord = false;
        continue;
      }
      if (c < '!' || c > '~') {
        return null;
      }
      if (!inWord && length > 1) {
        out[length++] = ' ';
        out[length++] = ' ';
      }
      inWord = true;
      out[length++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    if (length == 1) {
      return "  ";
    }
    out[length++] = ' ';
    return new String(out, 0, length, StandardCharsets.ISO_8859_1);
  }
}
