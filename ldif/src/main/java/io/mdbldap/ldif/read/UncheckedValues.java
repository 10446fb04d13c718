package io.mdbldap.ldif.read;

import io.mdbldap.store.entry.StoredValues;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.normalizers.NoOpNormalizer;

/**
 * Values built without their syntax check, normalized exactly as the Apache LDAP API's
 * {@code new Value(type, text)} normalizes them: the same rule is chosen (equality, else substring,
 * else ordering, else none), so the stored bytes are the same. For a quick import, since slapadd
 * checks value syntax only when asked ({@code -o value-check=yes}), which {@code -q} turns off; and
 * for the values an import generates itself (entryUUID, entryCSN), which are valid as made. A
 * value whose normalizer refuses it is still refused, as slapadd refuses it.
 *
 * <p>Thread-safe (stateless).
 */
public final class UncheckedValues {
  private UncheckedValues() {}

  /** The normalizer {@code new Value(type, text)} would use, looked up once per type by callers. */
  public static Normalizer normalizerOf(AttributeType type) {
    MatchingRule rule = type.getEquality() != null ? type.getEquality()
        : type.getSubstring() != null ? type.getSubstring() : type.getOrdering();
    if (rule == null) {
      return new NoOpNormalizer();
    }
    if (rule.getNormalizer() == null) {
      throw new IllegalArgumentException("attribute type " + type.getName() + ": matching rule "
          + rule.getName() + " has no normalizer");
    }
    return rule.getNormalizer();
  }

  /**
   * A text value of {@code type}.
   *
   * @param normalizer {@link #normalizerOf(AttributeType) type's normalizer}
   * @param normalized {@code text}'s normalized form if the caller has it already, else null
   * @throws LdapException if the normalizer refuses {@code text}
   */
  public static Value text(AttributeType type, Normalizer normalizer, String text, String normalized)
      throws LdapException {
    return StoredValues.humanReadable(type, text, normalized != null ? normalized : normalizer.normalize(text));
  }

  /** A binary value of {@code type}: its bytes are its own normalized form. */
  public static Value binary(AttributeType type, byte[] bytes) {
    return StoredValues.binary(type, bytes);
  }
}
