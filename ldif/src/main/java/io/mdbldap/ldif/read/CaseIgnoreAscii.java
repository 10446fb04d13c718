package io.mdbldap.ldif.read;

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

  /** The normalized form of {@code value}, or null if it holds anything but printable ASCII. */
  static String normalize(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8).append(' ');
    boolean inWord = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ') {
        inWord = false;
        continue;
      }
      if (c < '!' || c > '~') {
        return null;
      }
      if (!inWord && out.length() > 1) {
        out.append("  ");
      }
      inWord = true;
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.length() == 1 ? "  " : out.append(' ').toString();
  }
}
