package io.mdbldap.server;

import static io.mdbldap.server.LdapOperationsTest.assertResult;
import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code database mdb} sections served at once, each in its own LMDB environment. */
class TwoDatabasesTest {
  private static final String OTHER = "o=Other Corp";
  private static final String OTHER_ROOT = "cn=manager,o=Other Corp";

  @TempDir
  Path directory;

  @Test
  void eachDatabaseServesItsSuffixFromItsOwnFiles() throws Exception {
    try (TestServer server = TestServer.start(directory, conf -> conf + """

        database        mdb
        suffix          "o=Other Corp"
        rootdn          "cn=manager,o=Other Corp"
        rootpw          other
        directory       ../var/other
        maxsize         16m
        index           objectClass eq
        """)) {
      try (LDAPConnection other = server.connect(OTHER_ROOT, "other")) {
        other.add("dn: " + OTHER, "objectClass: organization", "o: Other Corp");
        other.add("dn: ou=Units," + OTHER, "objectClass: organizationalUnit", "ou: Units");
      }
      try (LDAPConnection anonymous = server.connect()) {
        assertEquals(Set.of(SUFFIX, OTHER),
            Set.of(anonymous.getEntry("", "namingContexts").getAttributeValues("namingContexts")));
        assertEquals(26, anonymous.search(SUFFIX, SearchScope.SUB, "(objectClass=*)").getEntryCount());
        assertEquals(2, anonymous.search(OTHER, SearchScope.SUB, "(objectClass=*)").getEntryCount());
      }
      for (String database : List.of("example", "other")) {
        assertTrue(Files.size(directory.resolve("var").resolve(database).resolve("data.mdb")) > 0, database);
      }
    }
  }

  @Test
  void aRootDnIsRootInItsOwnDatabaseOnly() throws Exception {
    try (TestServer server = TestServer.start(directory, conf -> conf + """

        database        mdb
        suffix          "o=Other Corp"
        rootdn          "cn=manager,o=Other Corp"
        rootpw          other
        directory       ../var/other
        """);
        LDAPConnection exampleRoot = server.connectAsRoot();
        LDAPConnection otherRoot = server.connect(OTHER_ROOT, "other")) {
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
          () -> exampleRoot.add("dn: " + OTHER, "objectClass: organization", "o: Other Corp"));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> otherRoot.delete("ou=Groups," + SUFFIX));
      otherRoot.add("dn: " + OTHER, "objectClass: organization", "o: Other Corp");
    }
  }
}
