package io.mdbldap.store.entry;

import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.env.WriteTxn;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Encodes entries for id2entry and decodes them back.
 *
 * <pre>
 * u8      codec version (1)
 * varint  attribute count
 * per attribute, in the entry's order:
 *   varint  attribute description number (ad2i)
 *   varint  value count
 *   per value, in the attribute's order:
 *     varint  length of the user value, then its bytes (UTF-8 for human-readable syntaxes)
 *     varint  0 if the normalized value is the user value byte for byte;
 *             else 1 + its length, then the UTF-8 normalized value
 * </pre>
 *
 * <p>Normalized values are stored (where they differ) so a filter test compares bytes and never
 * re-runs a normalizer: decoding is the hot path of every search. Binary values are their own
 * normalized form.
 */
public final class EntryCodec {
  static final byte VERSION = 1;

  private static final ThreadLocal<Out> OUT = ThreadLocal.withInitial(Out::new);

  private final Ad2i ad2i;
  /** {@code ad2i::numberIfKnown}, made once: under C1, the tools' compiler, making it per entry is a call into the JVM. */
  private final ToIntFunction<String> knownNumbers;
  private final SchemaManager schema;
  /**
   * Per description number, an empty attribute, the model of each decoded attribute ({@link
   * StoredAttributes}): building an attribute from its description looks the type up and
   * normalizes the name again, a fifth of decoding. It also says whether the values are
   * human-readable. Replaced whole when it grows, so that a reader sees each element fully built.
   */
  private volatile Attribute[] empties = new Attribute[0];

  public EntryCodec(Ad2i ad2i, SchemaManager schema) {
    this.ad2i = ad2i;
    this.knownNumbers = ad2i::numberIfKnown;
    this.schema = schema;
  }

  /** Encodes {@code entry}, numbering new attribute descriptions inside {@code w}. */
  public byte[] encode(WriteTxn w, Entry entry) {
    return encode(entry, description -> ad2i.number(w, description));
  }

  /**
   * Encodes {@code entry} without a transaction, if every one of its attribute descriptions has a
   * committed number; otherwise null, and only {@link #encode(WriteTxn, Entry)} can. Thread-safe:
   * a bulk load encodes on its reading thread, off the writing one. The bytes are those
   * {@link #encode(WriteTxn, Entry)} gives, since a committed number never changes.
   */
  public byte[] encodeIfNumbered(Entry entry) {
    return encode(entry, knownNumbers);
  }

  /** The encoded entry, or null if {@code numbers} has no number (-1) for one of its descriptions. */
  private static byte[] encode(Entry entry, ToIntFunction<String> numbers) {
    Out out = OUT.get().reset();
    out.buf.put(VERSION);
    Bytes.putVarint(out.buf, entry.size());
    for (Attribute attribute : entry) {
      int ad = numbers.applyAsInt(attribute.getUpId());
      if (ad < 0) {
        return null;
      }
      out.ensure(16);
      Bytes.putVarint(out.buf, ad);
      Bytes.putVarint(out.buf, attribute.size());
      for (Value value : attribute) {
        byte[] up = StoredValues.userBytes(value);
        byte[] norm = normalizedBytes(value);
        out.putBytes(up);
        if (norm == null || Arrays.equals(up, norm)) {
          out.ensure(1);
          out.buf.put((byte) 0);
        } else {
          out.putNormalized(norm);
        }
      }
    }
    return Arrays.copyOf(out.buf.array(), out.buf.position());
  }

  /** A text value's normalized form in UTF-8; null for a binary value, or where it is the user form. */
  private static byte[] normalizedBytes(Value value) {
    if (!value.isHumanReadable()) {
      return null;
    }
    String norm = value.getNormalized();
    // The same text gives the same bytes: no need to encode it to find out.
    return norm == null || norm.equals(value.getString()) ? null : Bytes.utf8(norm);
  }

  /** Decodes a full entry, named {@code dn}, for returning to a client. */
  public Entry decode(byte[] encoded, Dn dn) throws LdapException {
    return decode(view(encoded), dn);
  }

  /** Decodes a full entry from a {@link #view} already made, named {@code dn}. */
  public Entry decode(EncodedEntry view, Dn dn) throws LdapException {
    return decode(view, dn, type -> true);
  }

  /** Decodes the attributes of a {@link #view} that {@code wanted} accepts, as an entry named {@code dn}. */
  public Entry decode(EncodedEntry view, Dn dn, Predicate<AttributeType> wanted) throws LdapException {
    Entry entry = new DefaultEntry(schema, dn);
    for (int a = 0; a < view.attributeCount(); a++) {
      AttributeType type = ad2i.type(view.ad(a));
      if (type == null || !wanted.test(type)) {
        continue;
      }
      Attribute empty = empty(view.ad(a), type);
      boolean humanReadable = empty.isHumanReadable();
      int first = view.firstValue(a);
      Value[] values = new Value[view.endValue(a) - first];
      for (int v = 0; v < values.length; v++) {
        values[v] = view.value(type, humanReadable, first + v);
      }
      entry.put(StoredAttributes.of(empty, values));
    }
    return entry;
  }

  private Attribute empty(int ad, AttributeType type) {
    Attribute[] known = empties;
    if (ad < known.length && known[ad] != null) {
      return known[ad];
    }
    return addEmpty(ad, type);
  }

  private synchronized Attribute addEmpty(int ad, AttributeType type) {
    Attribute[] grown = Arrays.copyOf(empties, Math.max(empties.length, ad + 1));
    if (grown[ad] == null) {
      grown[ad] = new DefaultAttribute(ad2i.description(ad), type);
    }
    empties = grown;
    return grown[ad];
  }

  /** A read-only view of an encoded entry that filters can test without decoding values. */
  public EncodedEntry view(byte[] encoded) {
    return EncodedEntry.parse(encoded);
  }

  /**
   * A growable heap buffer; encoded entries are copied out of it. One per thread, kept between
   * entries: a fresh one grew twice for a typical entry, a tenth of an import's reading-thread garbage.
   */
  private static final class Out {
    private static final int FIRST = 2048;
    /** A buffer grown past this for one large entry is not kept for the next. */
    private static final int KEPT = 64 * 1024;

    ByteBuffer buf = ByteBuffer.allocate(FIRST);

    Out reset() {
      buf = buf.capacity() > KEPT ? ByteBuffer.allocate(FIRST) : buf.clear();
      return this;
    }

    void ensure(int more) {
      if (buf.remaining() < more) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
        buf.flip();
        bigger.put(buf);
        buf = bigger;
      }
    }

    void putBytes(byte[] b) {
      ensure(5 + b.length);
      Bytes.putVarint(buf, b.length);
      buf.put(b);
    }

    void putNormalized(byte[] b) {
      ensure(5 + b.length);
      Bytes.putVarint(buf, b.length + 1);
      buf.put(b);
    }
  }
}
