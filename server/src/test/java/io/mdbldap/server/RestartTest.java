package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stop and a start keep every change, and the sample data is loaded on the first start only. */
class RestartTest {
  @TempDir
  Path directory;

  @Test
  void restartKeepsEveryChange() throws Exception {
    String added = "uid=kept,ou=People," + SUFFIX;
    String entryUuid;
    try (TestServer server = TestServer.start(directory)) {
      assertTrue(server.loaded().get(0).wasEmpty());
      assertEquals(26, server.loaded().get(0).loaded());
      try (LDAPConnection root = server.connectAsRoot()) {
        root.add("dn: " + added, "objectClass: inetOrgPerson", "uid: kept", "cn: Kept", "sn: Kept");
        entryUuid = root.getEntry(added, "entryUUID").getAttributeValue("entryUUID");
        root.modify("ou=People," + SUFFIX, new Modification(ModificationType.REPLACE, "description", "changed"));
        root.delete("uid=jdoe,ou=People," + SUFFIX);
        root.modifyDN("ou=Groups," + SUFFIX, "ou=Teams", true);
      }
      server.restart();
      assertFalse(server.loaded().get(0).wasEmpty(), "example.ldif must not be loaded again");
      try (LDAPConnection anonymous = server.connect()) {
        assertEquals(entryUuid, anonymous.getEntry(added, "entryUUID").getAttributeValue("entryUUID"));
        assertEquals("changed", anonymous.getEntry("ou=People," + SUFFIX).getAttributeValue("description"));
        assertNull(anonymous.getEntry("uid=jdoe,ou=People," + SUFFIX));
        assertNull(anonymous.getEntry("ou=Groups," + SUFFIX));
        assertEquals(26, anonymous.search(SUFFIX, SearchScope.SUB, "(objectClass=*)").getEntryCount());
        assertTrue(anonymous.search("ou=Teams," + SUFFIX, SearchScope.ONE, "(objectClass=*)").getEntryCount() > 0);
      }
    }
  }
}
