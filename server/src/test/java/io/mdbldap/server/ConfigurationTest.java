package io.mdbldap.server;

import static io.mdbldap.server.LdapOperationsTest.assertResult;
import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.ROOT_PW;
import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;
import org.apache.directory.api.ldap.model.password.PasswordUtil;
import org.apache.directory.api.util.Strings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the directives of the configuration change in the running server. */
class ConfigurationTest {
  @TempDir
  Path directory;

  @Test
  void hashedRootPwIsVerified() throws Exception {
    String hashed = Strings.utf8ToString(PasswordUtil.createStoragePassword(ROOT_PW,
        LdapSecurityConstants.HASH_METHOD_SSHA));
    try (TestServer server = TestServer.start(directory, conf -> conf.replace("rootpw          secret",
        "rootpw          " + hashed))) {
      try (LDAPConnection root = server.connectAsRoot()) {
        assertTrue(root.isConnected());
      }
      try (LDAPConnection connection = server.connect()) {
        assertResult(ResultCode.INVALID_CREDENTIALS, () -> connection.bind(ROOT_DN, hashed));
      }
    }
  }

  @Test
  void openLdapSchemaFilesAreServedAndUsable() throws Exception {
    Files.createDirectories(directory.resolve("conf/schema"));
    Files.writeString(directory.resolve("conf/schema/test.schema"), """
        objectidentifier TestRoot 1.3.6.1.4.1.99999.42
        attributetype ( TestRoot:1 NAME 'mdbldapTestColour'
            DESC 'a test attribute'
            EQUALITY caseIgnoreMatch
            SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
        objectclass ( TestRoot:2 NAME 'mdbldapTestThing' SUP top AUXILIARY
            MAY mdbldapTestColour )
        """);
    try (TestServer server = TestServer.start(directory,
        conf -> conf.replace("include         schema/nis.schema",
            "include         schema/nis.schema\ninclude         schema/test.schema"));
        LDAPConnection root = server.connectAsRoot()) {
      SearchResultEntry schema = root.getEntry("cn=schema", "attributeTypes", "objectClasses");
      assertTrue(List.of(schema.getAttributeValues("attributeTypes")).stream()
          .anyMatch(type -> type.contains("'mdbldapTestColour'")));
      assertTrue(List.of(schema.getAttributeValues("objectClasses")).stream()
          .anyMatch(oc -> oc.contains("'mdbldapTestThing'")));
      root.add("dn: ou=Things," + SUFFIX, "objectClass: organizationalUnit", "objectClass: mdbldapTestThing",
          "ou: Things", "mdbldapTestColour: blue");
      assertEquals(1, root.search(SUFFIX, SearchScope.SUB, "(mdbldapTestColour=BLUE)").getEntryCount());
    }
  }

  @Test
  void sizeLimitBoundsSearchesOfUsers() throws Exception {
    try (TestServer server = TestServer.start(directory,
        conf -> conf.replace("sizelimit       500", "sizelimit       5"));
        LDAPConnection anonymous = server.connect()) {
      assertResult(ResultCode.SIZE_LIMIT_EXCEEDED,
          () -> anonymous.search(SUFFIX, SearchScope.SUB, "(objectClass=*)"));
    }
  }

  @Test
  void readOnlyDatabasesRefuseUpdates() throws Exception {
    try (TestServer server = TestServer.start(directory);
        LDAPConnection root = server.connectAsRoot()) {
      root.add("dn: ou=Before," + SUFFIX, "objectClass: organizationalUnit", "ou: Before");
    }
    Path conf = directory.resolve("conf/slapd.conf");
    Files.writeString(conf, Files.readString(conf).replace("maxsize         1073741824",
        "maxsize         1073741824\nreadonly        on"));
    try (TestServer server = TestServer.open(conf);
        LDAPConnection root = server.connectAsRoot()) {
      assertEquals("Before", root.getEntry("ou=Before," + SUFFIX).getAttributeValue("ou"));
      assertResult(ResultCode.UNWILLING_TO_PERFORM, () -> root.delete("ou=Before," + SUFFIX));
    }
  }
}
