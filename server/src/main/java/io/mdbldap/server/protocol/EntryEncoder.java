package io.mdbldap.server.protocol;

import io.mdbldap.store.entry.StoredValues;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.asn1.ber.tlv.BerValue;
import org.apache.directory.api.asn1.ber.tlv.TLV;
import org.apache.directory.api.asn1.ber.tlv.UniversalTag;
import org.apache.directory.api.ldap.codec.api.LdapCodecConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;

/**
 * Encodes a search result entry without controls (RFC 4511 4.5.2) into the same bytes as the LDAP
 * API's encoder, at a fraction of its cost. The API writes BER backwards and so reverses every
 * attribute list and every value list into a new deque first, which took a sixth of the CPU of a
 * 1,000-entry search; this encoder walks the entry twice forwards instead: once to take each
 * name's and value's bytes and add up the lengths, once to copy them into an array of the exact size,
 * which MINA sends as it is (the API's encoder copies its result once more).
 *
 * <p>{@link LdapCodec} sends everything else, entries with controls among it, to the API's encoder.
 * Stateless and thread-safe.
 */
final class EntryEncoder {
  private static final byte OCTET_STRING = UniversalTag.OCTET_STRING.getValue();
  private static final byte SEQUENCE = UniversalTag.SEQUENCE.getValue();
  private static final byte SET = UniversalTag.SET.getValue();
  private static final byte INTEGER = UniversalTag.INTEGER.getValue();
  private static final byte[] EMPTY = new byte[0];

  private EntryEncoder() {
  }

  /** Whether {@link #encode} takes {@code message}: a search result entry without controls. */
  static boolean handles(Object message) {
    return message instanceof SearchResultEntry entry && entry.getControls().isEmpty() && entry.getObjectName() != null;
  }

  /** The whole LDAPMessage carrying {@code response}, which {@link #handles} must accept. */
  static byte[] encode(SearchResultEntry response) {
    Lengths lengths = new Lengths(response.getEntry());
    byte[] dn = utf8(response.getObjectName().getName());
    byte[] messageId = BerValue.getBytes(response.getMessageId());
    int protocolOp = element(dn.length) + element(lengths.attributeList);
    int message = 2 + messageId.length + element(protocolOp);
    Writer out = new Writer(element(message));
    out.header(SEQUENCE, message);
    out.header(INTEGER, messageId.length);
    out.bytes(messageId);
    out.header(LdapCodecConstants.SEARCH_RESULT_ENTRY_TAG, protocolOp);
    out.octetString(dn);
    out.header(SEQUENCE, lengths.attributeList);
    int next = 0;
    for (int i = 0; i < lengths.attributes(); i++) {
      out.header(SEQUENCE, lengths.attribute[i]);
      out.octetString(lengths.strings.get(next++));
      out.header(SET, lengths.valueSet[i]);
      for (int v = 0; v < lengths.values[i]; v++) {
        out.octetString(lengths.strings.get(next++));
      }
    }
    return out.done();
  }

  /**
   * A string's UTF-8 bytes, as the API's {@code Strings.getBytesUtf8Ascii} makes them, which falls back to the
   * JDK for anything beyond ASCII; the JDK's own encoding copies an ASCII string's bytes at once.
   */
  private static byte[] utf8(String text) {
    return text == null ? EMPTY : text.getBytes(StandardCharsets.UTF_8);
  }

  /** The size of a whole BER element, tag and length included, with {@code length} bytes of content. */
  private static int element(int length) {
    return 1 + TLV.getNbBytes(length) + length;
  }

  /** The first pass: each attribute's type and values as bytes, in order, and the content lengths of each part. */
  private static final class Lengths {
    final List<byte[]> strings;
    final int[] values;
    final int[] valueSet;
    final int[] attribute;
    int attributeList;
    private int count;

    Lengths(Entry entry) {
      int size = entry == null ? 0 : entry.size();
      strings = new ArrayList<>(size * 3);
      values = new int[size];
      valueSet = new int[size];
      attribute = new int[size];
      if (entry != null) {
        for (Attribute each : entry) {
          add(each);
        }
      }
    }

    int attributes() {
      return count;
    }

    private void add(Attribute each) {
      byte[] type = utf8(each.getUpId());
      strings.add(type);
      int set = 0;
      for (Value value : each) {
        byte[] bytes = bytes(value);
        strings.add(bytes);
        set += element(bytes.length);
        values[count]++;
      }
      valueSet[count] = set;
      attribute[count] = element(type.length) + element(set);
      attributeList += element(attribute[count]);
      count++;
    }

    /**
     * As the API encodes a value: text as UTF-8, anything else as it is; nothing as empty. The bytes a value
     * holds are taken uncopied where they are those (see {@link StoredValues#userBytes}): encoding each decoded
     * string back to UTF-8 was 3.7 % of the bytes a uid equality search allocated.
     */
    private static byte[] bytes(Value value) {
      byte[] bytes = StoredValues.userBytes(value);
      return bytes == null ? EMPTY : bytes;
    }
  }

  /** The second pass: BER written forwards into an array of the size the first pass found. */
  private static final class Writer {
    private final byte[] out;
    private int pos;

    Writer(int size) {
      out = new byte[size];
    }

    void header(byte tag, int length) {
      out[pos++] = tag;
      int lengthBytes = TLV.getNbBytes(length) - 1;
      if (lengthBytes == 0) {
        out[pos++] = (byte) length;
        return;
      }
      out[pos++] = (byte) (0x80 | lengthBytes);
      for (int shift = 8 * (lengthBytes - 1); shift >= 0; shift -= 8) {
        out[pos++] = (byte) (length >>> shift);
      }
    }

    void octetString(byte[] bytes) {
      header(OCTET_STRING, bytes.length);
      bytes(bytes);
    }

    void bytes(byte[] bytes) {
      System.arraycopy(bytes, 0, out, pos, bytes.length);
      pos += bytes.length;
    }

    byte[] done() {
      if (pos != out.length) {
        throw new IllegalStateException("entry encoding wrote " + pos + " bytes, expected " + out.length);
      }
      return out;
    }
  }
}
