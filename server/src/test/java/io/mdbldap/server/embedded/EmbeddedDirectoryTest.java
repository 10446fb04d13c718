package io.mdbldap.server.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import io.mdbldap.server.StartupException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded directory through its Java API, over LDAP and in process. */
class EmbeddedDirectoryTest {
  private static final String ALICE = "uid=alice,ou=People,dc=example,dc=com";
  private static EmbeddedDirectory ldap;

  @BeforeAll
  static void start() throws StartupException {
    ldap = EmbeddedDirectory.builder().ldif("/embedded/people.ldif").index("uid", "eq").start();
  }

  @AfterAll
  static void stop() {
    ldap.close();
  }

  @Test
  void servesTheFixtureOnAPortTheSystemChose() throws LDAPException {
    assertNotEquals(0, ldap.port());
    assertEquals("ldap://127.0.0.1:" + ldap.port(), ldap.url());
    try (LDAPConnection connection = ldap.anonymousConnection()) {
      assertEquals(6, connection.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)").getEntryCount());
      assertEquals("cn=admin,dc=example,dc=com",
          connection.getEntry(ALICE, "creatorsName").getAttributeValue("creatorsName"));
    }
  }

  @Test
  void theRootDnAndUsersBindWithTheirPasswords() throws LDAPException {
    try (LDAPConnection connection = ldap.anonymousConnection()) {
      connection.bind(ALICE, "alice-pw");
      LDAPException wrong = assertThrows(LDAPException.class, () -> connection.bind(ALICE, "nope"));
      assertEquals(ResultCode.INVALID_CREDENTIALS, wrong.getResultCode());
      connection.bind(ldap.rootDn(), ldap.password());
    }
  }

  @Test
  void resetForgetsEveryWriteSinceTheFixture() throws Exception {
    try (LDAPConnection connection = ldap.connection()) {
      connection.add("dn: uid=carol,ou=People,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: carol",
          "cn: Carol", "sn: C");
      connection.modify(ALICE, new Modification(ModificationType.REPLACE, "mail", "new@example.com"));
      connection.delete("cn=staff,ou=Groups,dc=example,dc=com");
      connection.modifyDN("uid=bob,ou=People,dc=example,dc=com", "uid=robert", true);
    }
    ldap.reset();
    try (LDAPConnection connection = ldap.connection()) {
      assertNull(connection.getEntry("uid=carol,ou=People,dc=example,dc=com"));
      assertEquals("alice@example.com", connection.getEntry(ALICE).getAttributeValue("mail"));
      assertNotNull(connection.getEntry("cn=staff,ou=Groups,dc=example,dc=com"));
      assertNotNull(connection.getEntry("uid=bob,ou=People,dc=example,dc=com"));
      assertNull(connection.getEntry("uid=robert,ou=People,dc=example,dc=com"));
      assertEquals(1, connection.search("dc=example,dc=com", SearchScope.SUB, "(uid=bob)").getEntryCount());
      // The database takes writes again after the swap.
      connection.add("dn: uid=carol,ou=People,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: carol",
          "cn: Carol", "sn: C");
    }
    ldap.reset();
    try (LDAPConnection connection = ldap.connection()) {
      assertNull(connection.getEntry("uid=carol,ou=People,dc=example,dc=com"));
    }
  }

  @Test
  void aConnectionOpenAcrossAResetKeepsWorking() throws Exception {
    try (LDAPConnection connection = ldap.connection()) {
      connection.modify(ALICE, new Modification(ModificationType.REPLACE, "sn", "Changed"));
      ldap.reset();
      assertEquals("Adams", connection.getEntry(ALICE).getAttributeValue("sn"));
    }
  }

  @Test
  void theSessionSkipsTheNetworkButNotTheServersChecks() throws Exception {
    try (LdapConnection session = ldap.session()) {
      Entry alice = session.lookup(ALICE);
      assertEquals("Alice Adams", alice.get("cn").getString());
      session.add(new org.apache.directory.api.ldap.model.entry.DefaultEntry(
          "uid=dave,ou=People,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: dave", "cn: Dave", "sn: D"));
      assertTrue(session.exists("uid=dave,ou=People,dc=example,dc=com"));
      // Schema checks apply: sn is required.
      assertThrows(Exception.class, () -> session.add(new org.apache.directory.api.ldap.model.entry.DefaultEntry(
          "uid=eve,ou=People,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: eve", "cn: Eve")));
    }
    try (LDAPConnection connection = ldap.connection()) {
      assertNotNull(connection.getEntry("uid=dave,ou=People,dc=example,dc=com"));
    }
    ldap.reset();
    try (LdapConnection session = ldap.session()) {
      assertFalse(session.exists("uid=dave,ou=People,dc=example,dc=com"));
    }
  }

  @Test
  void customSchemaFromAnOpenLdapFileAndFromLdif(@TempDir Path dir) throws Exception {
    Path pets = Files.copy(Path.of("src/test/resources/embedded/pets.schema"), dir.resolve("pets.schema"));
    try (EmbeddedDirectory custom = EmbeddedDirectory.builder().schema(pets)
        .schema("/embedded/plants.ldif").ldif("/embedded/people.ldif").start();
        LDAPConnection connection = custom.connection()) {
      connection.modify(ALICE, new Modification(ModificationType.ADD, "objectClass", "petOwner", "gardener"),
          new Modification(ModificationType.ADD, "petName", "Rex"),
          new Modification(ModificationType.ADD, "plantName", "Fern"));
      assertEquals(1, connection.search("dc=example,dc=com", SearchScope.SUB, "(petName=r*)").getEntryCount());
      assertEquals(1, connection.search("dc=example,dc=com", SearchScope.SUB, "(plantName=fern)").getEntryCount());
    }
    try (LDAPConnection connection = ldap.connection()) {
      LDAPException unknown = assertThrows(LDAPException.class, () -> connection.modify(ALICE,
          new Modification(ModificationType.ADD, "petName", "Rex")));
      assertNotEquals(ResultCode.SUCCESS, unknown.getResultCode());
    }
  }

  @Test
  void ldapsWithAGeneratedCertificateThatOnlyItsContextTrusts() throws Exception {
    try (EmbeddedDirectory secure = EmbeddedDirectory.builder().ldif("/embedded/people.ldif").ldaps(0).start()) {
      assertTrue(secure.ldapsUrl().startsWith("ldaps://127.0.0.1:"));
      assertNotEquals(secure.port(), secure.ldapsPort());
      try (LDAPConnection connection = secure.ldapsConnection()) {
        assertEquals("Alice Adams", connection.getEntry(ALICE).getAttributeValue("cn"));
      }
      SSLUtil trustAll = new SSLUtil(new TrustAllTrustManager());
      try (LDAPConnection connection = new LDAPConnection(trustAll.createSSLSocketFactory(), "127.0.0.1",
          secure.ldapsPort())) {
        assertNotNull(connection.getRootDSE());
      }
      // A client with the JDK's default trust refuses the self-signed certificate.
      assertThrows(LDAPException.class, () -> new LDAPConnection(
          javax.net.ssl.SSLContext.getDefault().getSocketFactory(), "127.0.0.1", secure.ldapsPort()).getRootDSE());
    }
    assertThrows(IllegalStateException.class, ldap::ldapsUrl);
  }

  @Test
  void aKeptDirectoryKeepsItsDataAndIsNotLoadedTwice(@TempDir Path dir) throws Exception {
    try (EmbeddedDirectory first = EmbeddedDirectory.builder().directory(dir).ldif("/embedded/people.ldif").start();
        LDAPConnection connection = first.connection()) {
      connection.delete("uid=bob,ou=People,dc=example,dc=com");
    }
    assertTrue(Files.exists(dir.resolve("db").resolve("data.mdb")));
    try (EmbeddedDirectory second = EmbeddedDirectory.builder().directory(dir).ldif("/embedded/people.ldif").start();
        LDAPConnection connection = second.connection()) {
      assertNull(connection.getEntry("uid=bob,ou=People,dc=example,dc=com"));
      assertEquals(5, connection.search("dc=example,dc=com", SearchScope.SUB, "(objectClass=*)").getEntryCount());
    }
  }

  @Test
  void aTemporaryDirectoryIsRemovedOnClose() throws Exception {
    Path dir;
    try (EmbeddedDirectory temporary = EmbeddedDirectory.builder().start()) {
      dir = temporary.directory();
      assertTrue(Files.isDirectory(dir));
      try (LDAPConnection connection = temporary.connection()) {
        connection.add("dn: dc=example,dc=com", "objectClass: dcObject", "objectClass: organization", "dc: example",
            "o: E");
      }
      temporary.reset();
      try (LDAPConnection connection = temporary.connection()) {
        assertNull(connection.getEntry("dc=example,dc=com"), "the empty fixture comes back");
      }
    }
    assertFalse(Files.exists(dir));
  }

  @Test
  void aBadFixtureIsReportedWithItsFileAndNothingIsLeftBehind() {
    StartupException e = assertThrows(StartupException.class,
        () -> EmbeddedDirectory.builder().ldif("/embedded/broken.ldif").start());
    assertTrue(e.getMessage().contains("classpath:embedded/broken.ldif"), e.getMessage());
    assertTrue(e.getMessage().contains("nosuchattribute") || e.getMessage().contains("noSuchAttribute"),
        e.getMessage());
    StartupException missing = assertThrows(StartupException.class,
        () -> EmbeddedDirectory.builder().ldif("/embedded/missing.ldif").start());
    assertTrue(missing.getMessage().contains("missing.ldif"), missing.getMessage());
  }
}
