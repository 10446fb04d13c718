package io.mdbldap.server.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.embedded.EmbeddedDirectory;
import org.junit.jupiter.api.Test;

/** Custom schemas, another suffix and rootdn, and ldaps://, set by the annotation. */
@EmbeddedLdap(suffix = "o=pets", rootDn = "cn=keeper,o=pets", password = "woof", ldaps = true,
    schema = {"/embedded/pets.schema", "/embedded/plants.ldif"}, ldif = "/embedded/pets.ldif")
class SchemaAndLdapsAnnotationTest {

  @Test
  void theCustomSchemaAndFixtureAreLoaded(LDAPConnection connection) throws Exception {
    assertEquals(1, connection.search("o=pets", SearchScope.SUB, "(&(objectClass=petOwner)(petName=rex))")
        .getEntryCount());
    assertEquals(1, connection.search("o=pets", SearchScope.SUB, "(plantName=fern)").getEntryCount());
  }

  @Test
  void ldapsAnswersWithTheGeneratedCertificate(EmbeddedDirectory directory, @LdapUrl(ldaps = true) String url)
      throws Exception {
    assertTrue(url.startsWith("ldaps://127.0.0.1:"));
    assertEquals("cn=keeper,o=pets", directory.rootDn());
    try (LDAPConnection connection = directory.ldapsConnection()) {
      assertEquals("Rex", connection.getEntry("cn=owner,o=pets").getAttributeValue("petName"));
    }
  }
}
