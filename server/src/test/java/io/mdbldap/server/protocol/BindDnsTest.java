package io.mdbldap.server.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BindDns} against the whole schema-aware parse it stands in for: the same DN in every form, whether the
 * parent was parsed before or not, for names spelled in every way a client may spell them.
 */
class BindDnsTest {
  private static SchemaManager schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = new DefaultSchemaManager();
  }

  @Test
  void givesTheDnOfAWholeParseForEverySpelling() throws Exception {
    BindDns dns = new BindDns(schema);
    for (int pass = 0; pass < 2; pass++) {
      for (String name : new String[] {"uid=user5,ou=people,dc=example,dc=com", "uid=user6,ou=people,dc=example,dc=com",
          "UID=User5,OU=People,DC=Example,DC=Com", "uid=user5, ou=people,dc=example,dc=com",
          "uid= user5 ,ou=people,dc=example,dc=com", "uid=a\\,b,ou=people,dc=example,dc=com",
          "cn=\"Doe, J\",ou=people,dc=example,dc=com", "cn=J+sn=D,ou=people,dc=example,dc=com",
          "uid=x;ou=people,dc=example,dc=com", "2.5.4.3=J D,ou=people,dc=example,dc=com", "cn=Émile,ou=例え,dc=com",
          "dc=com", ""}) {
        assertSameAsWholeParse(dns, name);
      }
    }
  }

  @Test
  void refusesWhatTheWholeParseRefuses() {
    BindDns dns = new BindDns(schema);
    for (String name : new String[] {"uid=x,not a dn", "not a dn,ou=people,dc=example,dc=com", "uid=x,,dc=com",
        "noSuchType=x,dc=com", "uid=x,noSuchType=y"}) {
      assertThrows(LdapInvalidDnException.class, () -> new Dn(schema, name), name);
      assertThrows(LdapInvalidDnException.class, () -> dns.parse(name), name);
    }
  }

  @Test
  void staysRightPastTheParentsItKeeps() throws Exception {
    BindDns dns = new BindDns(schema);
    for (int i = 0; i < BindDns.MAX_PARENTS + 10; i++) {
      assertSameAsWholeParse(dns, "uid=u" + i + ",ou=unit" + i + ",dc=example,dc=com");
    }
    assertSameAsWholeParse(dns, "uid=u0,ou=unit0,dc=example,dc=com");
  }

  private static void assertSameAsWholeParse(BindDns dns, String name) throws Exception {
    Dn expected = new Dn(schema, name);
    Dn parsed = dns.parse(name);
    assertEquals(expected, parsed, name);
    assertEquals(expected.getName(), parsed.getName(), name);
    assertEquals(expected.getNormName(), parsed.getNormName(), name);
    assertEquals(expected.size(), parsed.size(), name);
    assertTrue(parsed.isSchemaAware(), name);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.getRdn(i).getName(), parsed.getRdn(i).getName(), name);
      assertEquals(expected.getRdn(i).getNormName(), parsed.getRdn(i).getNormName(), name);
    }
  }
}
