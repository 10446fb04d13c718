package io.mdbldap.store.model;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.PrepareString.AssertionType;

/**
 * Normalization through the schema's own normalizers, memoized: the oracle normalizes the same
 * few thousand values millions of times. A value that a normalizer refuses maps to null.
 */
final class Norms {
  private static final String REFUSED = "\u0000refused";

  private final Map<Normalizer, Map<AssertionType, Map<String, String>>> cache = new IdentityHashMap<>();

  /** One normalizer's memo for one assertion type: resolve it once, then look values up. */
  final class Memo {
    private final Normalizer normalizer;
    private final AssertionType type;
    private final Map<String, String> memo;

    private Memo(Normalizer normalizer, AssertionType type) {
      this.normalizer = normalizer;
      this.type = type;
      this.memo = cache.computeIfAbsent(normalizer, n -> new EnumMap<>(AssertionType.class))
          .computeIfAbsent(type, t -> new HashMap<>());
    }

    /** The normalized form of {@code raw}, or null if the normalizer refuses it. */
    String get(String raw) {
      String norm = memo.get(raw);
      if (norm == null) {
        norm = compute(normalizer, raw, type);
        memo.put(raw, norm);
      }
      return norm == REFUSED ? null : norm;
    }
  }

  Memo memo(Normalizer normalizer, AssertionType type) {
    return new Memo(normalizer, type);
  }

  /** The attribute-value memo of {@code rule}'s normalizer. */
  Memo of(MatchingRule rule) {
    return memo(rule.getNormalizer(), AssertionType.ATTRIBUTE_VALUE);
  }

  /** {@code normalizer}'s form of {@code raw} for {@code type}, or null if it refuses the value. */
  String normalize(Normalizer normalizer, String raw, AssertionType type) {
    return memo(normalizer, type).get(raw);
  }

  /** The attribute value form under {@code rule}, or null if refused. */
  String value(MatchingRule rule, String raw) {
    return of(rule).get(raw);
  }

  private static String compute(Normalizer normalizer, String raw, AssertionType type) {
    try {
      String norm = normalizer.normalize(raw, type);
      return norm == null ? REFUSED : norm;
    } catch (LdapException | RuntimeException e) {
      return REFUSED;
    }
  }

  /**
   * What makes two values of {@code type} the same value: the EQUALITY rule's normalized form, or
   * the bytes when the syntax is binary or there is no equality rule. The model uses it to keep
   * attribute values distinct, as LDAP requires.
   */
  String identity(AttributeType type, Value value) {
    MatchingRule eq = type.getEquality();
    if (!value.isHumanReadable() || eq == null) {
      return "#" + HexFormat.of().formatHex(value.getBytes());
    }
    String norm = value(eq, value.getString());
    return norm == null ? "?" + value.getString() : "=" + norm;
  }
}
