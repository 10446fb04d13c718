package io.mdbldap.ldif.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Schemas;
import java.util.List;
import java.util.Random;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.normalizers.DeepTrimToLowerNormalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link CaseIgnoreAscii} gives what the API's normalizer gives, on every printable ASCII value. */
class CaseIgnoreAsciiTest {
  private static final DeepTrimToLowerNormalizer API = new DeepTrimToLowerNormalizer();
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = Schemas.get();
  }

  @Test
  void normalizesAsTheApiDoes() throws Exception {
    for (String s : List.of("", " ", "   ", "a", "A", "  David   Anderson  0 ", "user0@Example.COM", "+1 555 0100",
        "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./", "a b", " a", "a ", "ZZ top", "x  y  z")) {
      assertEquals(API.normalize(s), CaseIgnoreAscii.normalize(s), "[" + s + "]");
    }
    Random random = new Random(203948);
    String alphabet = "  aAzZ09~!@._-";
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int k = 0; k < chars.length; k++) {
        chars[k] = random.nextBoolean() ? alphabet.charAt(random.nextInt(alphabet.length()))
            : (char) (' ' + random.nextInt(95));
      }
      String s = new String(chars);
      assertEquals(API.normalize(s), CaseIgnoreAscii.normalize(s), "[" + s + "]");
    }
  }

  @Test
  void leavesEverythingElseToTheApi() {
    for (String s : List.of("J\u00fcrgen", "tab\there", "nul\u0000", "del\u007f", "line\nbreak", "\u65e5\u672c")) {
      assertNull(CaseIgnoreAscii.normalize(s), s);
    }
  }

  @Test
  void appliesToCaseIgnoreMatchOnly() {
    assertTrue(CaseIgnoreAscii.appliesTo(schema.getAttributeType("cn")));
    assertTrue(CaseIgnoreAscii.appliesTo(schema.getAttributeType("mail")));
    assertFalse(CaseIgnoreAscii.appliesTo(schema.getAttributeType("telephoneNumber")));
    assertFalse(CaseIgnoreAscii.appliesTo(schema.getAttributeType("member")));
    assertFalse(CaseIgnoreAscii.appliesTo(schema.getAttributeType("userPassword")));
  }

  @Test
  void valuesBuiltWithItAreTheApisValues() throws Exception {
    AttributeType cn = schema.getAttributeType("cn");
    for (String s : List.of("  David   Anderson  0 ", "Smith, John", "a")) {
      Value expected = new Value(cn, s);
      Value actual = new Value(cn, s, CaseIgnoreAscii.normalize(s));
      assertEquals(expected.getNormalized(), actual.getNormalized());
      assertEquals(expected.getString(), actual.getString());
      assertEquals(expected.hashCode(), actual.hashCode());
      assertEquals(expected, actual);
    }
    String expected = assertThrows(LdapInvalidAttributeValueException.class, () -> new Value(cn, "")).getMessage();
    assertEquals(expected, assertThrows(LdapInvalidAttributeValueException.class,
        () -> new Value(cn, "", CaseIgnoreAscii.normalize(""))).getMessage());
  }
}
