package io.mdbldap.ldif.read;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdbldap.ldif.Schemas;
import io.mdbldap.store.dn.DnParser;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Values built without the syntax check are the values the API's checked constructor builds. */
class UncheckedValuesTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = Schemas.get();
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "cn|\"  David   Anderson \"", "surname|Ärger Öl", "uid|User0", "mail|User0@Example.COM",
      "telephoneNumber|+1 555 0000 0001", "member|\"CN=Smith\\, John+UID=jsmith,ou=People,DC=example,DC=com\"",
      "objectClass|InetOrgPerson", "entryUUID|5F0C7B2E-2BB6-103E-8B7A-5B3B2F1C9A01",
      "entryCSN|20240101000000.000000Z#000001#000#000000", "createTimestamp|20240101000000Z",
      "seeAlso|\"CN = Spaced\\2C Name , DC=Example,dc=com\"", "manager|\"cn=\u00c9t\u00e9+sn=x;o=old style\"",
      "member|uid=user7,ou=people,dc=example,dc=com", "member|\"uid=a\\+b\\,c,ou=people,dc=example,dc=com\"",
      "employeeNumber|\" 007 \"", "description|\"tabs\tand  spaces\"", "dc|EXAMPLE", "o|\"\u00e9t\u00e9 \u2126\""})
  void textValuesEqualTheCheckedOnes(String attribute, String text) throws LdapException {
    AttributeType type = schema.lookupAttributeTypeRegistry(attribute);
    Value checked = new Value(type, text);
    Value unchecked = UncheckedValues.of(type).text(text, null);
    assertSame(checked, unchecked);
    String ascii = CaseIgnoreAscii.appliesTo(type) ? CaseIgnoreAscii.normalize(text) : null;
    if (ascii != null) {
      assertSame(checked, UncheckedValues.of(type).text(text, ascii));
    }
    assertSame(checked, UncheckedValues.of(type, new DnParser(schema)).text(text, null));
  }

  @Test
  void withADnParserRefusesWhatTheApiNormalizerRejects() {
    AttributeType type = schema.getAttributeType("member");
    assertThrows(LdapException.class, () -> UncheckedValues.of(type).text("not a dn", null), "the API's normalizer refuses it");
    assertThrows(LdapException.class, () -> UncheckedValues.of(type, new DnParser(schema)).text("not a dn", null));
  }

  @Test
  void binaryValuesEqualTheCheckedOnes() throws LdapException {
    AttributeType type = schema.lookupAttributeTypeRegistry("userPassword");
    byte[] bytes = {0x30, (byte) 0x82, 0, 1, (byte) 0xff, 0x7f};
    assertSame(new Value(type, bytes), UncheckedValues.of(type).binary(bytes));
  }

  @Test
  void keepsBinaryValuesTheSyntaxRejects() throws LdapException {
    AttributeType type = schema.lookupAttributeTypeRegistry("jpegPhoto");
    byte[] notJpeg = {0x30, (byte) 0x82, 0, 1};
    assertThrows(LdapException.class, () -> new Value(type, notJpeg), "the checked constructor refuses it");
    assertArrayEquals(notJpeg, UncheckedValues.of(type).binary(notJpeg).getBytes());
  }

  @Test
  void refusesWhatTheNormalizerRejects() {
    AttributeType type = schema.getAttributeType("createTimestamp");
    assertThrows(LdapException.class,
        () -> UncheckedValues.of(type).text("yesterday", null));
  }

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource(delimiter = '|', value = {"mail|dé@example.com", "uidNumber|twelve", "telephoneNumber|no digits"})
  void keepsWhatTheSyntaxRejects(String attribute, String text) throws LdapException {
    AttributeType type = schema.lookupAttributeTypeRegistry(attribute);
    assertThrows(LdapException.class, () -> new Value(type, text), "the checked constructor refuses it");
    Value unchecked = UncheckedValues.of(type).text(text, null);
    assertEquals(text, unchecked.getString());
    assertEquals(type.getEquality().getNormalizer().normalize(text), unchecked.getNormalized());
  }

  private static void assertSame(Value expected, Value actual) {
    assertEquals(expected.isHumanReadable(), actual.isHumanReadable());
    assertEquals(expected.getString(), actual.getString());
    assertEquals(expected.getNormalized(), actual.getNormalized());
    assertArrayEquals(expected.getBytes(), actual.getBytes());
    assertEquals(expected.hashCode(), actual.hashCode());
    assertEquals(expected, actual);
  }
}
