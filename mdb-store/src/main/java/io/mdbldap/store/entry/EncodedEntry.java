package io.mdbldap.store.entry;

import io.mdbldap.store.StoreException;
import io.mdbldap.store.env.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * An entry as id2entry holds it (see {@link EntryCodec}), parsed only as far as offsets: values
 * stay bytes until someone asks for them as strings. Filters test entries through this view.
 */
public final class EncodedEntry {
  private final byte[] bytes;
  private final int[] ads;
  private final int[] attrFirstValue;
  private final int[] upOffset;
  private final int[] upLength;
  private final int[] normOffset;
  private final int[] normLength;

  private EncodedEntry(byte[] bytes, int[] ads, int[] attrFirstValue, int[] upOffset, int[] upLength,
      int[] normOffset, int[] normLength) {
    this.bytes = bytes;
    this.ads = ads;
    this.attrFirstValue = attrFirstValue;
    this.upOffset = upOffset;
    this.upLength = upLength;
    this.normOffset = normOffset;
    this.normLength = normLength;
  }

  static EncodedEntry parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.get() != EntryCodec.VERSION) {
      throw new StoreException("id2entry: unknown entry codec version " + bytes[0]);
    }
    int attributes = Bytes.getVarint(in);
    int[] ads = new int[attributes];
    int[] first = new int[attributes + 1];
    // Room for the values of a typical entry, whose values and their lengths take about 16 bytes
    // each: growing four arrays along the way was the costliest part of the parse.
    int capacity = Math.max(8, bytes.length >> 4);
    int[] upOff = new int[capacity];
    int[] upLen = new int[capacity];
    int[] nOff = new int[capacity];
    int[] nLen = new int[capacity];
    int v = 0;
    for (int a = 0; a < attributes; a++) {
      ads[a] = Bytes.getVarint(in);
      int count = Bytes.getVarint(in);
      first[a] = v;
      if (v + count > capacity) {
        capacity = Math.max(capacity * 2, v + count);
        upOff = Arrays.copyOf(upOff, capacity);
        upLen = Arrays.copyOf(upLen, capacity);
        nOff = Arrays.copyOf(nOff, capacity);
        nLen = Arrays.copyOf(nLen, capacity);
      }
      for (int i = 0; i < count; i++, v++) {
        upLen[v] = Bytes.getVarint(in);
        upOff[v] = in.position();
        in.position(upOff[v] + upLen[v]);
        int norm = Bytes.getVarint(in);
        if (norm == 0) {
          nOff[v] = upOff[v];
          nLen[v] = upLen[v];
        } else {
          nLen[v] = norm - 1;
          nOff[v] = in.position();
          in.position(nOff[v] + nLen[v]);
        }
      }
    }
    first[attributes] = v;
    return new EncodedEntry(bytes, ads, first, upOff, upLen, nOff, nLen);
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
    return Arrays.equals(bytes, normOffset[v], normOffset[v] + normLength[v], expected, 0, expected.length);
  }

  public byte[] normalizedBytes(int v) {
    return Arrays.copyOfRange(bytes, normOffset[v], normOffset[v] + normLength[v]);
  }

  public String normalizedString(int v) {
    return new String(bytes, normOffset[v], normLength[v], StandardCharsets.UTF_8);
  }

  public byte[] userBytes(int v) {
    return Arrays.copyOfRange(bytes, upOffset[v], upOffset[v] + upLength[v]);
  }

  /**
   * Builds value {@code v} with {@link StoredValues} straight from the encoded bytes, copying them
   * once, into the value itself.
   */
  Value value(Value blank, int v) {
    if (!blank.isHumanReadable()) {
      return StoredValues.binary(blank, bytes, upOffset[v], upLength[v]);
    }
    return StoredValues.humanReadable(blank, bytes, upOffset[v], upLength[v], normalizedString(v));
  }

  public String userString(int v) {
    return new String(bytes, upOffset[v], upLength[v], StandardCharsets.UTF_8);
  }
}
