package io.mdbldap.store.entry;

import io.mdbldap.store.env.Bytes;
import java.io.IOException;
import java.io.ObjectInput;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Builds {@link Value}s from data that was checked when it was written: values decoded from
 * id2entry, and values the partition derives itself (entryDN from a parsed DN).
 *
 * <p>Why not the public constructors: {@code Value(type, up, norm)} runs the syntax checker on
 * every call, and {@code Value(type, up)} the normalizer too; on the read path that is most of the
 * cost of decoding an entry (a telephone number is matched against a regular expression, a DN is
 * parsed again), for values that were validated and normalized when they were stored.
 * {@link Value#readExternal} is the API's own deserialization, which trusts its input; it is fed
 * here from memory instead of a stream ({@link ValueFeed}), in the order it reads (which skips the
 * bytes of an empty value). The result is the same value: same user bytes, same normalized form,
 * same hash code.
 *
 * <p>A decoder that builds many values of one type starts each from a copy of a {@link #blank}:
 * making a value from its type asks the type's syntax whether it is human-readable, a map lookup
 * each time for the many syntaxes that do not say.
 *
 * <p>Thread-safe (stateless).
 */
public final class StoredValues {
  private StoredValues() {}

  /**
   * A human-readable value of {@code type}.
   *
   * @param user the user-provided form
   * @param normalized its normalized form under {@code type}'s equality rule, as the normalizer
   *     gave it when the value was stored
   */
  public static Value humanReadable(AttributeType type, String user, String normalized) {
    byte[] utf8 = Bytes.utf8(user);
    return read(Value.createValue(type), new ValueFeed(true, utf8, 0, utf8.length, normalized));
  }

  /** A value of {@code type} holding nothing, to copy for each value {@link #humanReadable(Value, byte[], int, int, String)} builds. */
  public static Value blank(AttributeType type) {
    return Value.createValue(type);
  }

  /**
   * As {@link #humanReadable(AttributeType, String, String)}, from a copy of {@code blank} and the
   * user form's UTF-8 bytes at {@code offset} in {@code source}.
   */
  public static Value humanReadable(Value blank, byte[] source, int offset, int length, String normalized) {
    return read(blank.clone(), new ValueFeed(true, source, offset, length, normalized));
  }

  /** A binary value of {@code type}: its bytes are its own normalized form. */
  public static Value binary(AttributeType type, byte[] bytes) {
    return read(Value.createValue(type), new ValueFeed(false, bytes, 0, bytes.length, null));
  }

  /** As {@link #binary(AttributeType, byte[])}, from a copy of {@code blank} and bytes at {@code offset} in {@code source}. */
  public static Value binary(Value blank, byte[] source, int offset, int length) {
    return read(blank.clone(), new ValueFeed(false, source, offset, length, null));
  }

  private static Value read(Value value, ObjectInput feed) {
    try {
      value.readExternal(feed);
    } catch (IOException | ClassNotFoundException e) {
      // The feed is in memory and holds exactly what readExternal reads: this cannot happen.
      throw new IllegalStateException("value of " + value.getAttributeType().getName() + ": " + e, e);
    }
    return value;
  }
}
