package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.directory.api.asn1.util.Asn1Buffer;
import org.apache.directory.api.ldap.codec.api.LdapApiServiceFactory;
import org.apache.directory.api.ldap.codec.api.LdapEncoder;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.message.SearchResultDoneImpl;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchResultEntryImpl;
import org.apache.directory.api.ldap.model.message.controls.ManageDsaITImpl;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;

/**
 * {@link EntryEncoder} against the LDAP API's own encoder, which is the definition of the right bytes:
 * every BER length form (short, one to three length bytes), message IDs around each integer width,
 * text in and beyond ASCII, binary values, empty values and attributes without values (typesOnly).
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
