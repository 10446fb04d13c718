package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.junit.EmbeddedLdap;
import io.mdbldap.server.junit.LdapUrl;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@EmbeddedLdap(ldif = "/users.ldif")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectoryClientTest {

  @Test
  @Order(1)
  void findsTheFixtureAndWrites(LDAPConnection ldap, @LdapUrl String url) throws Exception {
    assertEquals(2, ldap.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)").getEntryCount());
    ldap.add("dn: cn=temp,dc=example,dc=com", "objectClass: device", "cn: temp");
    System.out.println("DOWNSTREAM-URL " + url);
  }

  @Test
  @Order(2)
  void startsFromTheFixtureAgain(LDAPConnection ldap) throws Exception {
    assertNull(ldap.getEntry("cn=temp,dc=example,dc=com"));
  }
}
