package io.mdbldap.ldif.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
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
 * <p>Each value is a copy of a blank value of the type with its fields set, as the API's
 * constructor leaves them (user form, its UTF-8 bytes, normalized form). The API has no
 * constructor without the check, and its deserialization ({@code readExternal}, which the store's
 * StoredValues feeds) decodes the user form back from bytes through a lookup table, a tenth of an
 * import's reading thread. The fields are reached through {@link VarHandle}s, looked up once: a
 * later API that renames them fails this class's initialization, not a value; UncheckedValuesTest
 * compares every field with the constructor's.
 *
 * <p>Thread-safe (immutable).
 */
public final class UncheckedValues {
  private static final VarHandle USER;
  private static final VarHandle NORMALIZED;
  private static final VarHandle BYTES;

  static {
    try {
      MethodHandles.Lookup value = MethodHandles.privateLookupIn(Value.class, MethodHandles.lookup());
      USER = value.findVarHandle(Value.class, "upValue", String.class);
      NORMALIZED = value.findVarHandle(Value.class, "normValue", String.class);
      BYTES = value.findVarHandle(Value.class, "bytes", byte[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("the Apache LDAP API's Value no longer has the fields "
          + "UncheckedValues sets (upValue, normValue, bytes): " + e);
    }
  }

  private final Value blank;
  private final Normalizer normalizer;

  private UncheckedValues(AttributeType type) {
    this.blank = Value.createValue(type);
    this.normalizer = normalizerOf(type);
  }

  /** Builds values of {@code type}; make one per type and keep it. */
  public static UncheckedValues of(AttributeType type) {
    return new UncheckedValues(type);
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
    Value value = blank.clone();
    USER.set(value, text);
    NORMALIZED.set(value, normalized != null ? normalized : normalizer.normalize(text));
    BYTES.set(value, text.getBytes(StandardCharsets.UTF_8));
    return value;
  }

  /** A binary value: its bytes, which it keeps (the caller must not change them), are its own normalized form. */
  public Value binary(byte[] bytes) {
    Value value = blank.clone();
    BYTES.set(value, bytes);
    return value;
  }
}
