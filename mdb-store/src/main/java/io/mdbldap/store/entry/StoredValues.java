package io.mdbldap.store.entry;

import io.mdbldap.store.env.Bytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Builds {@link Value}s from data that was checked when it was written: values decoded from
 * id2entry, and values the partition derives itself (entryDN from a parsed DN).
 *
 * <p>Why not the public constructors: {@code Value(type, up, norm)} runs the syntax checker on
 * every call, and {@code Value(type, up)} the normalizer too; on the read path that is most of the
 * cost of decoding an entry (a telephone number is matched against a regular expression, a DN is
 * parsed again), for values that were validated and normalized when they were stored. Nor the
 * API's own deserialization ({@link Value#readExternal}), which trusts its input but decodes the
 * user form through a char array (and an exception for any byte beyond ASCII) and needs a stream
 * object per value. So the value's fields are set here as {@code readExternal} sets them: the user
 * bytes, the user form decoded from them, the normalized form, then the hash code the value
 * computes from those. The result is the same value: same user bytes, same normalized form, same
 * hash code ({@code StoredValuesTest} checks it against checked values, and fails at once if the
 * API's fields change).
 *
 * <p>Each value starts as {@link Value#createValue} of its type, not as a clone of a blank one:
 * under C1, the offline tools' only compiler, {@code Object.clone} is a call into the JVM, and
 * cloning was 4% of an import's reading thread (100,000 entries, async-profiler).
 *
 * <p>Thread-safe (stateless).
 */
public final class StoredValues {
  private static final VarHandle BYTES;
  private static final VarHandle UP_VALUE;
  private static final VarHandle NORM_VALUE;

  static {
    try {
      // Both on the class path, in the unnamed module: no --add-opens needed.
      MethodHandles.Lookup fields = MethodHandles.privateLookupIn(Value.class, MethodHandles.lookup());
      BYTES = fields.findVarHandle(Value.class, "bytes", byte[].class);
      UP_VALUE = fields.findVarHandle(Value.class, "upValue", String.class);
      NORM_VALUE = fields.findVarHandle(Value.class, "normValue", String.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError("the LDAP API's Value has other fields than this code knows: " + e);
    }
  }

  private StoredValues() {}

  /**
   * A human-readable value of {@code type}.
   *
   * @param user the user-provided form
   * @param normalized its normalized form under {@code type}'s equality rule, as the normalizer
   *     gave it when the value was stored
   */
  public static Value humanReadable(AttributeType type, String user, String normalized) {
    return humanReadable(type, Bytes.utf8(user), user, normalized);
  }

  /**
   * As {@link #humanReadable(AttributeType, String, String)}, from the user form's UTF-8 bytes at
   * {@code offset} in {@code source}.
   */
  public static Value humanReadable(AttributeType type, byte[] source, int offset, int length, String normalized) {
    byte[] bytes = Arrays.copyOfRange(source, offset, offset + length);
    return humanReadable(type, bytes, new String(bytes, StandardCharsets.UTF_8), normalized);
  }

  /**
   * As {@link #humanReadable(AttributeType, byte[], int, int, String)} for a value whose normalized
   * form is its user form, byte for byte: one string serves as both.
   */
  public static Value humanReadable(AttributeType type, byte[] source, int offset, int length) {
    byte[] bytes = Arrays.copyOfRange(source, offset, offset + length);
    String user = new String(bytes, StandardCharsets.UTF_8);
    return humanReadable(type, bytes, user, user);
  }

  /** As {@link #binary(AttributeType, byte[])}, from the bytes at {@code offset} in {@code source}. */
  public static Value binary(AttributeType type, byte[] source, int offset, int length) {
    return binary(type, Arrays.copyOfRange(source, offset, offset + length));
  }

  /**
   * A human-readable value of {@code type}: {@code user}, its UTF-8 {@code bytes} (kept, not
   * copied: the caller must not change them) and its {@code normalized} form, which the caller
   * vouches for (nothing is checked).
   */
  public static Value humanReadable(AttributeType type, byte[] bytes, String user, String normalized) {
    Value value = Value.createValue(type);
    BYTES.set(value, bytes);
    UP_VALUE.set(value, user);
    NORM_VALUE.set(value, normalized);
    // As readExternal ends: the hash code is cached in the value from now on.
    value.hashCode();
    return value;
  }

  /**
   * The bytes {@code value} holds (a text value's are its user form in UTF-8, when it was made from
   * text), not copied as {@link Value#getBytes()} copies them: the caller must not change them.
   */
  public static byte[] bytesOf(Value value) {
    return (byte[]) BYTES.get(value);
  }

  /**
   * The bytes that stand for {@code value} in id2entry and on the wire: a binary value's own, a text value's
   * user form in UTF-8; null if it has none. A text value holds its bytes already; they are taken as they are,
   * without a copy, where they are ASCII, since they are then the user form's UTF-8 however the value was made
   * (from bytes that were not valid UTF-8, the user form is not what they say, so it is encoded anew). Either
   * way the caller must not change them.
   */
  public static byte[] userBytes(Value value) {
    byte[] held = bytesOf(value);
    if (!value.isHumanReadable() || held != null && isAscii(held)) {
      return held;
    }
    String user = value.getString();
    return user == null ? null : Bytes.utf8(user);
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** A binary value of {@code type}: its {@code bytes}, kept, not copied, are their own normalized form. */
  public static Value binary(AttributeType type, byte[] bytes) {
    Value value = Value.createValue(type);
    BYTES.set(value, bytes);
    value.hashCode();
    return value;
  }
}
