package io.mdbldap.ldif.read;

import io.mdbldap.store.dn.DnParser;
import io.mdbldap.store.entry.StoredValues;
import java.nio.charset.StandardCharsets;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.normalizers.DnNormalizer;
import org.apache.directory.api.ldap.model.schema.normalizers.NoOpNormalizer;

/**
 * Builds the values of one attribute type without their syntax check, normalized exactly as the
 * Apache LDAP API's {@code new Value(type, text)} normalizes them: the same rule is chosen
 * (equality, else substring, else ordering, else none), so the stored bytes are the same. For a
 * quick import, since slapadd checks value syntax only when asked ({@code -o value-check=yes}),
 * which {@code -q} turns off; and for the values an import generates itself (entryUUID, entryCSN),
 * which are valid as made. A value whose normalizer refuses it is still refused, as slapadd
 * refuses it.
 *
 * <p>Each value is built by the store's {@link StoredValues}, which sets a new value's fields as
 * the API's constructor leaves them (user form, its UTF-8 bytes, normalized form): the API
 * has no constructor without the check, and its deserialization decodes the user form back from
 * bytes through a lookup table, a tenth of an import's reading thread. UncheckedValuesTest compares
 * every field with the constructor's.
 *
 * <p>Thread-safe (immutable).
 */
public final class UncheckedValues {
  private final AttributeType type;
  private final Normalize normalizer;

  /** A normalizer's one method, which a DN parser can stand in for. */
  @FunctionalInterface
  private interface Normalize {
    String normalize(String text) throws LdapException;
  }

  private UncheckedValues(AttributeType type, DnParser dns) {
    this.type = type;
    Normalizer rule = normalizerOf(type);
    // The API's DN normalizer parses every RDN of a value; the parser reuses parents it parsed
    // before (members of a group mostly share one), with the same normalized name as a result.
    this.normalizer = dns != null && rule instanceof DnNormalizer ? text -> dns.parse(text).getNormName()
        : rule::normalize;
  }

  /** Builds values of {@code type}; make one per type and keep it. */
  public static UncheckedValues of(AttributeType type) {
    return new UncheckedValues(type, null);
  }

  /** As {@link #of(AttributeType)}, normalizing DN values with {@code dns} (built on the type's schema). */
  public static UncheckedValues of(AttributeType type, DnParser dns) {
    return new UncheckedValues(type, dns);
  }

  /** The normalizer {@code new Value(type, text)} would use. */
  private static Normalizer normalizerOf(AttributeType type) {
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
   * A text value.
   *
   * @param normalized {@code text}'s normalized form if the caller has it already, else null
   * @throws LdapException if the normalizer refuses {@code text}
   */
  public Value text(String text, String normalized) throws LdapException {
    return StoredValues.humanReadable(type, text.getBytes(StandardCharsets.UTF_8), text,
        normalized != null ? normalized : normalizer.normalize(text));
  }

  /** A binary value: its bytes, which it keeps (the caller must not change them), are its own normalized form. */
  public Value binary(byte[] bytes) {
    return StoredValues.binary(type, bytes);
  }
}
