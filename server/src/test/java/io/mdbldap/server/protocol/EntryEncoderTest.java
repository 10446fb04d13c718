package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.entry.StoredValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.directory.api.asn1.util.Asn1Buffer;
import org.apache.directory.api.ldap.codec.api.LdapApiServiceFactory;
import org.apache.directory.api.ldap.codec.api.LdapEncoder;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.message.SearchResultDoneImpl;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.message.controls.ManageDsaITImpl;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.Test;

/**
 * {@link EntryEncoder} against the LDAP API's own encoder, which is the definition of the right bytes:
 * every BER length form (short, one to three length bytes), message IDs around each integer width,
 * text in and beyond ASCII, binary values, empty values and attributes without values (typesOnly), and values as
 * the store decodes them, which hold their bytes.
 */
class EntryEncoderTest {
  private static final int[] MESSAGE_IDS = {0, 1, 127, 128, 255, 256, 32767, 32768, 65535, 65536, 8388608,
      Integer.MAX_VALUE};

  @Test
  void encodesAsTheApiForEveryMessageIdWidth() throws Exception {
    for (int id : MESSAGE_IDS) {
      assertSameAsApi(response(id, "uid=jd,ou=people,dc=example,dc=com",
          entry("uid=jd,ou=people,dc=example,dc=com", "objectClass: top", "objectClass: person", "cn: J D",
              "sn: D", "uid: jd")));
    }
  }

  @Test
  void encodesAsTheApiAcrossLengthForms() throws Exception {
    for (int size : new int[] {0, 1, 60, 127, 128, 200, 255, 256, 1000, 65535, 65536, 70000}) {
      Entry entry = entry("cn=long,dc=example,dc=com", "objectClass: top");
      entry.add("description", "d".repeat(size));
      entry.add("jpegPhoto", bytes(size));
      assertSameAsApi(response(42, "cn=long,dc=example,dc=com", entry));
    }
  }

  @Test
  void encodesTextBeyondAsciiBinaryEmptyAndValuelessAttributes() throws Exception {
    Entry entry = new DefaultEntry(new Dn("cn=Émile Zoë,dc=例え,dc=com"));
    entry.add("cn", "Émile Zoë");
    entry.add("sn", "日本語");
    entry.add("description", "");
    entry.add("userCertificate", new byte[0]);
    entry.add("jpegPhoto", bytes(300));
    entry.add(new DefaultAttribute("mail"));
    assertSameAsApi(response(7, "cn=Émile Zoë,dc=例え,dc=com", entry));
  }

  @Test
  void encodesValuesDecodedFromTheStoreAsTheApi() throws Exception {
    SchemaManager schema = new DefaultSchemaManager();
    Entry entry = new DefaultEntry(schema, "cn=Émile Zoë,dc=example,dc=com");
    entry.add(stored(schema, "cn", "Émile Zoë", "emile"));
    entry.add(stored(schema, "mail", ""));
    String[] many = IntStream.range(0, 300).mapToObj(i -> "value " + i).toArray(String[]::new);
    entry.add(stored(schema, "description", many));
    // A text value holding bytes that are not UTF-8 (as Value(type, bytes) makes one where the syntax lets it):
    // the API sends its user form, not the bytes it holds.
    byte[] notUtf8 = {'a', (byte) 0xFF, 'b'};
    String user = new String(notUtf8, StandardCharsets.UTF_8);
    entry.add("sn", StoredValues.humanReadable(schema.getAttributeType("sn"), notUtf8, user, user));
    entry.add("userPassword", bytes(300));
    assertSameAsApi(response(9, "cn=Émile Zoë,dc=example,dc=com", entry));
  }

  /** An attribute as the store decodes it: each value holding the UTF-8 bytes it was read from. */
  private static Attribute stored(SchemaManager schema, String type, String... users) throws Exception {
    AttributeType attributeType = schema.getAttributeType(type);
    Attribute attribute = new DefaultAttribute(type, attributeType);
    for (String user : users) {
      byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
      attribute.add(StoredValues.humanReadable(attributeType, utf8, 0, utf8.length,
          new Value(attributeType, user).getNormalized()));
    }
    return attribute;
  }

  @Test
  void encodesAnEntryWithoutAttributesAsTheApi() throws Exception {
    assertSameAsApi(response(3, "dc=example,dc=com", new DefaultEntry("dc=example,dc=com")));
    SearchResultEntry noEntry = new SearchResultEntryImpl(4);
    noEntry.setObjectName(new Dn("dc=example,dc=com"));
    assertSameAsApi(noEntry);
  }

  @Test
  void leavesEntriesWithControlsAndOtherMessagesToTheApi() throws Exception {
    SearchResultEntry withControl = response(5, "dc=example,dc=com", new DefaultEntry("dc=example,dc=com"));
    assertTrue(EntryEncoder.handles(withControl));
    withControl.addControl(new ManageDsaITImpl());
    assertFalse(EntryEncoder.handles(withControl));
    assertFalse(EntryEncoder.handles(new SearchResultDoneImpl(6)));
    assertFalse(EntryEncoder.handles("not a message"));
  }

  private static void assertSameAsApi(SearchResultEntry response) throws Exception {
    assertTrue(EntryEncoder.handles(response));
    ByteBuffer api = LdapEncoder.encodeMessage(new Asn1Buffer(), LdapApiServiceFactory.getSingleton(), response);
    byte[] expected = Arrays.copyOfRange(api.array(), api.position(), api.limit());
    assertArrayEquals(expected, EntryEncoder.encode(response), () -> "message " + response.getMessageId()
        + ", " + response.getObjectName());
  }

  private static SearchResultEntry response(int id, String dn, Entry entry) throws Exception {
    SearchResultEntry response = new SearchResultEntryImpl(id);
    response.setObjectName(new Dn(dn));
    response.setEntry(entry);
    return response;
  }

  private static Entry entry(String dn, String... ldif) throws Exception {
    return new DefaultEntry(dn, (Object[]) ldif);
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31);
    }
    return bytes;
  }

}
