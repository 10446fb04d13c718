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
    return humanReadable(type, Bytes.utf8(user), normalized);
  }

  /** As {@link #humanReadable(AttributeType, String, String)}, from the user form's UTF-8 bytes. */
  public static Value humanReadable(AttributeType type, byte[] userUtf8, String normalized) {
    return read(type, userUtf8.length == 0
        ? new ValueFeed(true, true, 0, true, normalized)
        : new ValueFeed(true, true, userUtf8.length, userUtf8, true, normalized));
  }

  /** A binary value of {@code type}: its bytes are its own normalized form. */
  public static Value binary(AttributeType type, byte[] bytes) {
    return read(type, bytes.length == 0 ? new ValueFeed(false, true, 0) : new ValueFeed(false, true, bytes.length, bytes));
  }

  private static Value read(AttributeType type, ObjectInput feed) {
    Value value = Value.createValue(type);
    try {
      value.readExternal(feed);
    } catch (IOException | ClassNotFoundException e) {
      // The feed is in memory and holds exactly what readExternal reads: this cannot happen.
      throw new IllegalStateException("value of " + type.getName() + ": " + e, e);
    }
    return value;
  }
}
