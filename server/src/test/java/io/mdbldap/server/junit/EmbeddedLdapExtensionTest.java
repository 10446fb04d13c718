package io.mdbldap.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.embedded.EmbeddedDirectory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One directory for the class, reset after each test, injected as fields and parameters. */
@EmbeddedLdap(ldif = "/embedded/people.ldif", index = "uid,mail eq,sub")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedLdapExtensionTest {
  private static final String BOB = "uid=bob,ou=People,dc=example,dc=com";
  private static final String CAROL = "uid=carol,ou=People,dc=example,dc=com";

  @InjectLdap
  static EmbeddedDirectory classDirectory;

  @InjectLdap
  EmbeddedDirectory directory;

  @LdapUrl
  String url;

  @Test
  @Order(1)
  void aTestWrites(LDAPConnection connection) throws Exception {
    connection.add("dn: " + CAROL, "objectClass: inetOrgPerson", "uid: carol", "cn: Carol", "sn: C");
    connection.delete(BOB);
    connection.modify("uid=alice,ou=People,dc=example,dc=com",
        new Modification(ModificationType.REPLACE, "mail", "changed@example.com"));
    assertNotNull(connection.getEntry(CAROL));
  }

  @Test
  @Order(2)
  void theNextTestDoesNotSeeItsWrites(LDAPConnection connection) throws LDAPException {
    assertNull(connection.getEntry(CAROL));
    assertNotNull(connection.getEntry(BOB));
    assertEquals(1, connection.search("dc=example,dc=com", SearchScope.SUB, "(mail=alice@*)").getEntryCount());
  }

  @Test
  @Order(3)
  void fieldsAndParametersAreTheClasssDirectoryOnAPortTheSystemChose(EmbeddedDirectory parameter,
      @LdapUrl String urlParameter, LdapConnection session) throws Exception {
    assertSame(classDirectory, directory);
    assertSame(directory, parameter);
    assertNotEquals(0, directory.port());
    assertEquals("ldap://127.0.0.1:" + directory.port(), url);
    assertEquals(url, urlParameter);
    assertTrue(session.exists("uid=alice,ou=People,dc=example,dc=com"));
    session.delete("uid=alice,ou=People,dc=example,dc=com");
  }

  @Test
  @Order(4)
  void theInProcessSessionsWritesAreResetToo(LdapConnection session) throws Exception {
    assertTrue(session.exists("uid=alice,ou=People,dc=example,dc=com"));
  }

  @Test
  @Order(5)
  @EmbeddedLdap(suffix = "dc=other,dc=org")
  void aMethodCanHaveADirectoryOfItsOwn(EmbeddedDirectory own, LDAPConnection connection) throws Exception {
    assertNotEquals(classDirectory.port(), own.port());
    assertEquals("dc=other,dc=org", own.suffix());
    assertNull(connection.getEntry("dc=other,dc=org"), "no fixture: an empty database");
    connection.add("dn: dc=other,dc=org", "objectClass: dcObject", "objectClass: organization", "dc: other",
        "o: Other");
  }

  @Test
  @Order(6)
  void jndiAsInTheReadme(EmbeddedDirectory ldap) throws Exception {
    java.util.Hashtable<String, String> env = new java.util.Hashtable<>();
    env.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(javax.naming.Context.PROVIDER_URL, ldap.url());
    env.put(javax.naming.Context.SECURITY_PRINCIPAL, ldap.rootDn());
    env.put(javax.naming.Context.SECURITY_CREDENTIALS, ldap.password());
    javax.naming.directory.DirContext context = new javax.naming.directory.InitialDirContext(env);
    try {
      assertEquals("Alice Adams",
          context.getAttributes("uid=alice,ou=People,dc=example,dc=com").get("cn").get());
    } finally {
      context.close();
    }
  }

  /** A nested class shares the enclosing class's directory and its resets. */
  @Nested
  class Nested_ {
    @Test
    void seesTheFixture(LDAPConnection connection) throws LDAPException {
      assertSame(classDirectory, directory);
      assertNotNull(connection.getEntry(BOB));
      connection.delete(BOB);
    }
  }
}
