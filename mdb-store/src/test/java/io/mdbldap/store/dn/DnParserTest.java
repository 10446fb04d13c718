package io.mdbldap.store.dn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link DnParser} against the full schema-aware parse it stands in for: the same DN in every
 * form, whether the parent was parsed before or not, for names spelled every way a client or an
 * LDIF file may spell them, and the same errors.
 */
class DnParserTest {
  /** Each parsed twice in a row, so the second one takes its parent from the map. */
  private static final List<String> TRICKY = List.of(
      "dc=example,dc=com",
      "ou=People,dc=example,dc=com",
      "uid=a,ou=People,dc=example,dc=com",
      "UID=B,OU=people,DC=Example,DC=COM",
      "uid= user5 ,ou=people,dc=example,dc=com",
      "cn=Smith\\, John,ou=People,dc=example,dc=com",
      "cn=x\\2C y,ou=People,dc=example,dc=com",
      "cn=back\\\\slash,ou=People,dc=example,dc=com",
      "cn=a+sn=b,ou=People,dc=example,dc=com",
      "sn=b+cn=a,ou=People,dc=example,dc=com",
      "cn=a, ou=People,dc=example,dc=com",
      "cn=a ,ou=People,dc=example,dc=com",
      "cn=\"quoted, value\",ou=People,dc=example,dc=com",
      "cn=a;ou=People,dc=example,dc=com",
      "cn=  Many   Spaces  ,ou=People,dc=example,dc=com",
      "cn=J\u00fcrgen \u00c4rger,ou=People,dc=example,dc=com",
      "cn=\u00c9mile,ou=\u4f8b\u3048,dc=com",
      "cn=\\E6\\97\\A5\\E6\\9C\\AC,ou=People,dc=example,dc=com",
      "cn=#04024869,ou=People,dc=example,dc=com",
      "2.5.4.3=oid,ou=People,dc=example,dc=com",
      "surname=alias,ou=People,dc=example,dc=com",
      "cn=trailing\\ ,ou=People,dc=example,dc=com",
      "cn=\\ leading,ou=People,dc=example,dc=com",
      "dc=com",
      "");

  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = new DefaultSchemaManager();
  }

  @Test
  void givesWhatTheFullParseGives() throws Exception {
    DnParser parser = new DnParser(schema);
    for (int round = 0; round < 2; round++) {
      for (String name : TRICKY) {
        assertSameAsFullParse(parser, name);
      }
    }
  }

  @Test
  void reportsWhatTheFullParseReports() throws Exception {
    DnParser parser = new DnParser(schema);
    parser.parse("ou=People,dc=example,dc=com");
    for (String bad : List.of("cn=a,cn,dc=example,dc=com", "nosuchtype=a,dc=example,dc=com",
        "cn=a,ou=People,dc=example,dc=com,", "=a,dc=example,dc=com", "cn=a,nosuch=x,dc=example,dc=com",
        "uid=x,not a dn", "uid=x,,dc=com")) {
      String expected = assertThrows(LdapInvalidDnException.class, () -> new Dn(schema, bad)).getMessage();
      assertEquals(expected, assertThrows(LdapInvalidDnException.class, () -> parser.parse(bad)).getMessage(), bad);
    }
  }

  @Test
  void staysRightPastTheParentsItKeeps() throws Exception {
    DnParser parser = new DnParser(schema);
    for (int i = 0; i < DnParser.MAX_PARENTS + 10; i++) {
      assertSameAsFullParse(parser, "uid=u" + i + ",ou=unit" + i + ",dc=example,dc=com");
    }
    assertSameAsFullParse(parser, "uid=u0,ou=unit0,dc=example,dc=com");
  }

  @Test
  void tellsApartParentsOfOneLengthOneAfterAnother() throws Exception {
    DnParser parser = new DnParser(schema);
    for (String name : List.of("uid=a,ou=aaaa,dc=example,dc=com", "uid=b,ou=aaaa,dc=example,dc=com",
        "uid=c,ou=bbbb,dc=example,dc=com", "uid=d,ou=aaaa,dc=example,dc=com", "uid=e,ou=AAAA,dc=example,dc=com")) {
      assertSameAsFullParse(parser, name);
    }
  }

  private static void assertSameAsFullParse(DnParser parser, String name) throws Exception {
    Dn expected = new Dn(schema, name);
    Dn actual = parser.parse(name);
    assertEquals(expected, actual, name);
    assertEquals(expected.getName(), actual.getName(), name);
    assertEquals(expected.getNormName(), actual.getNormName(), name);
    assertEquals(expected.size(), actual.size(), name);
    assertEquals(expected.isSchemaAware(), actual.isSchemaAware(), name);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.getRdn(i).getName(), actual.getRdn(i).getName(), name);
      assertEquals(expected.getRdn(i).getNormName(), actual.getRdn(i).getNormName(), name);
      assertEquals(expected.getRdn(i).size(), actual.getRdn(i).size(), name);
    }
  }
}
