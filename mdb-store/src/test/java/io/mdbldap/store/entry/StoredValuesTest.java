package io.mdbldap.store.entry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values rebuilt without the syntax checkers and normalizers are the values the schema-checking
 * constructors build: same user form, bytes, normalized form, hash code, and equal both ways.
 */
class StoredValuesTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = new DefaultSchemaManager();
  }

  @ParameterizedTest(name = "{0}: ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "cn|  Barbara   JENSEN ",
      "cn|Åsa  Öberg",
      "uid|bjensen",
      "telephoneNumber|+1 555 0001 0002",
      "mail|User1@Example.COM",
      "entryDN|uid=User1, ou=People,dc=Example,dc=com",
      "mail|\"\"",
      "entryUUID|f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
  })
  void humanReadableValuesEqualCheckedOnes(String attribute, String user) throws Exception {
    AttributeType type = schema.getAttributeType(attribute);
    Value checked = new Value(type, user);
    assertSameValue(checked, StoredValues.humanReadable(type, user, checked.getNormalized()));
    // The user form read in the middle of a buffer, two values of one type.
    byte[] source = ("<" + user + ">").getBytes(StandardCharsets.UTF_8);
    int length = source.length - 2;
    Value first = StoredValues.humanReadable(type, source, 1, length, checked.getNormalized());
    Value other = StoredValues.humanReadable(type, "x".getBytes(StandardCharsets.UTF_8), 0, 1, "x");
    assertSameValue(checked, first);
    assertEquals("x", other.getString());
    assertSameValue(checked, StoredValues.humanReadable(type, source, 1, length, checked.getNormalized()));
    assertArrayEquals(user.getBytes(StandardCharsets.UTF_8), StoredValues.bytesOf(first), "held bytes, uncopied");
  }

  @ParameterizedTest(name = "{0}: ''{1}''")
  @CsvSource(delimiter = '|', value = {"uid|bjensen", "cn|Åsa  Öberg", "entryUUID|f81d4fae-7dec-11d0-a765-00a0c91e6bf6"})
  void valuesStoredOnceEqualCheckedOnes(String attribute, String input) throws Exception {
    AttributeType type = schema.getAttributeType(attribute);
    // A normalized form normalizes to itself, so stored once (EntryCodec) it is both forms.
    String user = new Value(type, input).getNormalized();
    Value checked = new Value(type, user);
    assertEquals(user, checked.getNormalized(), "a value that is its own normalized form");
    byte[] source = ("<" + user + ">").getBytes(StandardCharsets.UTF_8);
    Value stored = StoredValues.humanReadable(type, source, 1, source.length - 2);
    assertSameValue(checked, stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"ascii|bjensen", "beyond ascii|Åsa Öberg", "empty|\"\""})
  void userBytesAreTheUserFormInUtf8HeldOrNot(String kind, String user) throws Exception {
    AttributeType cn = schema.getAttributeType("cn");
    byte[] utf8 = user.getBytes(StandardCharsets.UTF_8);
    Value checked = new Value(cn, user);
    Value stored = StoredValues.humanReadable(cn, utf8, 0, utf8.length, checked.getNormalized());
    assertArrayEquals(utf8, StoredValues.userBytes(checked));
    assertArrayEquals(utf8, StoredValues.userBytes(stored));
  }

  @Test
  void userBytesOfTextFromBytesThatAreNotUtf8AreItsUserFormEncodedAnew() throws Exception {
    // As Value(type, bytes) makes one where the syntax lets it: the user form decoded from the bytes held.
    byte[] notUtf8 = {'a', (byte) 0xFF, 'b'};
    String user = new String(notUtf8, StandardCharsets.UTF_8);
    Value value = StoredValues.humanReadable(schema.getAttributeType("cn"), notUtf8, user, user);
    assertArrayEquals(value.getString().getBytes(StandardCharsets.UTF_8), StoredValues.userBytes(value));
    assertTrue(StoredValues.userBytes(value).length > 3, "the replacement character, not the byte held");
  }

  @Test
  void userBytesOfABinaryValueAreItsOwn() throws Exception {
    byte[] bytes = {0, (byte) 0xFF, 'x'};
    assertArrayEquals(bytes, StoredValues.userBytes(new Value(schema.getAttributeType("userPassword"), bytes)));
  }

  private static void assertSameValue(Value checked, Value stored) {
    assertEquals(checked.getString(), stored.getString());
    assertArrayEquals(checked.getBytes(), stored.getBytes());
    assertEquals(checked.getNormalized(), stored.getNormalized());
    assertEquals(checked.hashCode(), stored.hashCode());
    assertTrue(checked.equals(stored) && stored.equals(checked), "equal both ways");
    assertEquals(checked.isHumanReadable(), stored.isHumanReadable());
  }

  @ParameterizedTest(name = "{0} of {1} bytes")
  @CsvSource({"userPassword, 0", "userPassword, 1", "userPassword, 20"})
  void binaryValuesEqualCheckedOnes(String attribute, int length) throws Exception {
    AttributeType type = schema.getAttributeType(attribute);
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * 37);
    }
    Value checked = new Value(type, bytes);
    assertSameValue(checked, StoredValues.binary(type, bytes.clone()));
    byte[] source = new byte[length + 3];
    System.arraycopy(bytes, 0, source, 2, length);
    assertSameValue(checked, StoredValues.binary(type, source, 2, length));
  }
}
