package io.mdbldap.ldif.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mdbldap.ldif.Schemas;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnParserTest {
  /** Each parsed twice in a row, so the second one takes its parent from the map. */
  private static final List<String> TRICKY = List.of(
      "dc=example,dc=com",
      "ou=People,dc=example,dc=com",
      "uid=a,ou=People,dc=example,dc=com",
      "UID=B,OU=people,DC=Example,DC=COM",
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
      "cn=\\E6\\97\\A5\\E6\\9C\\AC,ou=People,dc=example,dc=com",
      "cn=#04024869,ou=People,dc=example,dc=com",
      "2.5.4.3=oid,ou=People,dc=example,dc=com",
      "surname=alias,ou=People,dc=example,dc=com",
      "cn=trailing\\ ,ou=People,dc=example,dc=com",
      "cn=\\ leading,ou=People,dc=example,dc=com");

  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = Schemas.get();
  }

  @Test
  void givesWhatTheFullParseGives() throws Exception {
    DnParser parser = new DnParser(schema);
    for (int round = 0; round < 2; round++) {
      for (String name : TRICKY) {
        assertSame(new Dn(schema, name), parser.parse(name), name);
      }
    }
  }

  @Test
  void reportsWhatTheFullParseReports() throws Exception {
    DnParser parser = new DnParser(schema);
    parser.parse("ou=People,dc=example,dc=com");
    for (String bad : List.of("cn=a,cn,dc=example,dc=com", "nosuchtype=a,dc=example,dc=com", "cn=a,ou=People,dc=example,dc=com,",
        "=a,dc=example,dc=com", "cn=a,nosuch=x,dc=example,dc=com")) {
      String expected = assertThrows(LdapInvalidDnException.class, () -> new Dn(schema, bad)).getMessage();
      assertEquals(expected, assertThrows(LdapInvalidDnException.class, () -> parser.parse(bad)).getMessage(), bad);
    }
  }

  private static void assertSame(Dn expected, Dn actual, String name) {
    assertEquals(expected.getName(), actual.getName(), name);
    assertEquals(expected.getNormName(), actual.getNormName(), name);
    assertEquals(expected.size(), actual.size(), name);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.getRdn(i).getName(), actual.getRdn(i).getName(), name);
      assertEquals(expected.getRdn(i).getNormName(), actual.getRdn(i).getNormName(), name);
      assertEquals(expected.getRdn(i).size(), actual.getRdn(i).size(), name);
    }
    assertEquals(expected.isSchemaAware(), actual.isSchemaAware(), name);
  }
}
