package io.mdbldap.store.entry;

import io.mdbldap.store.StoreException;
import io.mdbldap.store.env.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * An entry as id2entry holds it (see {@link EntryCodec}), parsed only as far as offsets: values
 * stay bytes until someone asks for them as strings. Filters test entries through this view.
 */
public final class EncodedEntry {
  /** Per value, four ints in {@link #slots}: user offset and length, normalized offset and length. */
  private static final int UP_OFF = 0;
  private static final int UP_LEN = 1;
  private static final int NORM_OFF = 2;
  private static final int NORM_LEN = 3;
  private static final int SLOT = 4;

  private final byte[] bytes;
  private final int[] ads;
  private final int[] attrFirstValue;
  /** One array rather than four: the parse runs for every entry a search reads. */
  private final int[] slots;

  private EncodedEntry(byte[] bytes, int[] ads, int[] attrFirstValue, int[] slots) {
    this.bytes = bytes;
    this.ads = ads;
    this.attrFirstValue = attrFirstValue;
    this.slots = slots;
  }

  static EncodedEntry parse(byte[] bytes) {
    if (bytes[0] != EntryCodec.VERSION) {
      throw new StoreException("id2entry: unknown entry codec version " + bytes[0]);
    }
    int[] pos = {1};
    int attributes = varint(bytes, pos);
    int[] ads = new int[attributes];
    int[] first = new int[attributes + 1];
    // Room for the values of a typical entry, whose values and their lengths take about 16 bytes
    // each: growing the array along the way was the costliest part of the parse.
    int[] slots = new int[Math.max(8, bytes.length >> 4) * SLOT];
    int v = 0;
    for (int a = 0; a < attributes; a++) {
      ads[a] = varint(bytes, pos);
      int count = varint(bytes, pos);
      first[a] = v;
      if ((v + count) * SLOT > slots.length) {
        slots = Arrays.copyOf(slots, Math.max(slots.length * 2, (v + count) * SLOT));
      }
      for (int i = 0; i < count; i++, v++) {
        parseValue(bytes, pos, slots, v * SLOT);
      }
    }
    first[attributes] = v;
    return new EncodedEntry(bytes, ads, first, slots);
  }

  /** Reads one value's lengths at {@code pos[0]} into {@code slots} from {@code at}, and skips its bytes. */
  private static void parseValue(byte[] bytes, int[] pos, int[] slots, int at) {
    int upLen = varint(bytes, pos);
    int upOff = pos[0];
    pos[0] = upOff + upLen;
    int norm = varint(bytes, pos);
    slots[at + UP_OFF] = upOff;
    slots[at + UP_LEN] = upLen;
    if (norm == 0) {
      slots[at + NORM_OFF] = upOff;
      slots[at + NORM_LEN] = upLen;
    } else {
      slots[at + NORM_OFF] = pos[0];
      slots[at + NORM_LEN] = norm - 1;
      pos[0] += norm - 1;
    }
  }

  /** The varint at {@code pos[0]} (see {@link Bytes#putVarint}), moving {@code pos[0]} past it. */
  private static int varint(byte[] bytes, int[] pos) {
    int value = 0;
    int p = pos[0];
    for (int shift = 0; ; shift += 7) {
      byte b = bytes[p++];
      value |= (b & 0x7F) << shift;
      if (b >= 0) {
        pos[0] = p;
        return value;
      }
    }
  }

  public int attributeCount() {
    return ads.length;
  }

  /** The ad2i number of attribute {@code a}. */
  public int ad(int a) {
    return ads[a];
  }

  /** Index of attribute {@code a}'s first value. */
  public int firstValue(int a) {
    return attrFirstValue[a];
  }

  /** One past attribute {@code a}'s last value. */
  public int endValue(int a) {
    return attrFirstValue[a + 1];
  }

  /** Whether normalized value {@code v} equals {@code expected}, byte for byte. */
  public boolean normalizedEquals(int v, byte[] expected) {
    return Arrays.equals(bytes, normOff(v), normOff(v) + normLen(v), expected, 0, expected.length);
  }

  public byte[] normalizedBytes(int v) {
    return Arrays.copyOfRange(bytes, normOff(v), normOff(v) + normLen(v));
  }

  public String normalizedString(int v) {
    return new String(bytes, normOff(v), normLen(v), StandardCharsets.UTF_8);
  }

  public byte[] userBytes(int v) {
    return Arrays.copyOfRange(bytes, upOff(v), upOff(v) + upLen(v));
  }

  /**
   * Builds value {@code v} of {@code type} with {@link StoredValues} straight from the encoded bytes,
   * copying them once, into the value itself; {@code humanReadable} says what the type's syntax does.
   */
  Value value(AttributeType type, boolean humanReadable, int v) {
    if (!humanReadable) {
      return StoredValues.binary(type, bytes, upOff(v), upLen(v));
    }
    if (normOff(v) == upOff(v)) {
      // stored once: the normalized form is the user form (see EntryCodec)
      return StoredValues.humanReadable(type, bytes, upOff(v), upLen(v));
    }
    return StoredValues.humanReadable(type, bytes, upOff(v), upLen(v), normalizedString(v));
  }

  public String userString(int v) {
    return new String(bytes, upOff(v), upLen(v), StandardCharsets.UTF_8);
  }

  private int upOff(int v) {
    return slots[v * SLOT + UP_OFF];
  }

  private int upLen(int v) {
    return slots[v * SLOT + UP_LEN];
  }

  private int normOff(int v) {
    return slots[v * SLOT + NORM_OFF];
  }

  private int normLen(int v) {
    return slots[v * SLOT + NORM_LEN];
  }
}
