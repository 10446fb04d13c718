package io.mdbldap.server;

import static io.mdbldap.server.LdapOperationsTest.assertResult;
import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.ROOT_PW;
import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.extensions.PasswordModifyExtendedRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;
import org.apache.directory.api.ldap.model.password.PasswordUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access rules over LDAP, with the UnboundID SDK, as anonymous, as a user on their own entry (self), as another user
 * and as the rootdn; and passwords stored hashed. One server runs the shipped policy; a second one a policy with
 * every supported {@code <what>} and {@code <who>} form and {@code password-hash {PBKDF2}}.
 */
class AccessControlTest {
  private static final String ASMITH = "uid=asmith,ou=People," + SUFFIX;
  private static final String GROUPS = "ou=Groups," + SUFFIX;
  private static final String CUSTOM_RULES = """
      password-hash {PBKDF2}
      database mdb""";
  private static final String CUSTOM_ACCESS = """
      access to dn.subtree="ou=People,dc=example,dc=com" attrs=mail,telephoneNumber
          by self write
          by users read
          by anonymous none
      access to dn.children="ou=Groups,dc=example,dc=com"
          by dn.exact="uid=jdoe,ou=People,dc=example,dc=com" write
          by * read
      access to dn.base="ou=Groups,dc=example,dc=com" attrs=children
          by dn.exact="uid=jdoe,ou=People,dc=example,dc=com" write
          by * read
      access to dn.base="uid=asmith,ou=People,dc=example,dc=com" by self read by anonymous auth by * none
      access to filter=(uid=jdoe) attrs=description by self write by * read
      access to attrs=userPassword by self write by anonymous auth by * none
      access to * by * read
      """;

  @TempDir
  static Path shippedDirectory;
  @TempDir
  static Path customDirectory;
  static TestServer shipped;
  static TestServer custom;

  @BeforeAll
  static void start() throws Exception {
    shipped = TestServer.start(shippedDirectory);
    String hashedRootPw = new String(PasswordUtil.createStoragePassword(ROOT_PW.getBytes(StandardCharsets.UTF_8),
        LdapSecurityConstants.HASH_METHOD_SSHA512), StandardCharsets.UTF_8);
    custom = TestServer.start(customDirectory, conf -> conf.replaceFirst("(?m)^database\\s+mdb$", CUSTOM_RULES)
        .replaceFirst("(?m)^rootpw\\s.*$", "rootpw " + hashedRootPw)
        .replaceAll("(?ms)^access to .*\\z", CUSTOM_ACCESS));
  }

  @AfterAll
  static void stop() {
    if (shipped != null) {
      shipped.close();
    }
    if (custom != null) {
      custom.close();
    }
  }

  @Test
  void aFilterOnUserPasswordLeaksNothing() throws Exception {
    try (LDAPConnection anonymous = shipped.connect();
        LDAPConnection other = shipped.connect(ASMITH, USER_PW);
        LDAPConnection self = shipped.connect(USER_DN, USER_PW);
        LDAPConnection root = shipped.connectAsRoot()) {
      for (String filter : List.of("(userPassword=*)", "(userPassword={SSHA}*)", "(!(userPassword=x))",
          "(&(uid=jdoe)(userPassword=*))", "(shadowLastChange=*)")) {
        assertEquals(0, anonymous.search(SUFFIX, SearchScope.SUB, filter).getEntryCount(), filter);
        assertEquals(0, other.search(USER_DN, SearchScope.BASE, filter).getEntryCount(), filter);
      }
      // An OR still matches by its other, visible, term; the password is still not returned.
      List<SearchResultEntry> found = anonymous.search(SUFFIX, SearchScope.SUB, "(|(userPassword=*)(uid=jdoe))",
          "*").getSearchEntries();
      assertEquals(1, found.size());
      assertFalse(found.get(0).hasAttribute("userPassword"));
      // Also when the filter's attributes are not among those returned.
      assertEquals(1, anonymous.search(SUFFIX, SearchScope.SUB, "(|(userPassword=*)(uid=jdoe))", "1.1")
          .getEntryCount());
      assertEquals(1, self.search(USER_DN, SearchScope.BASE, "(userPassword=*)").getEntryCount());
      assertEquals(20, root.search(SUFFIX, SearchScope.SUB, "(userPassword=*)").getEntryCount());
    }
  }

  @Test
  void passwordsAreVisibleToSelfAndRootOnlyAndComparedOnlyByThem() throws Exception {
    try (LDAPConnection anonymous = shipped.connect();
        LDAPConnection other = shipped.connect(ASMITH, USER_PW);
        LDAPConnection self = shipped.connect(USER_DN, USER_PW);
        LDAPConnection root = shipped.connectAsRoot()) {
      assertFalse(anonymous.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertFalse(other.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertTrue(self.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertTrue(root.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> anonymous.compare(USER_DN, "userPassword", "x"));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> other.compare(USER_DN, "userPassword", "x"));
      assertFalse(self.compare(USER_DN, "userPassword", "x").compareMatched());
      assertTrue(anonymous.compare(USER_DN, "uid", "jdoe").compareMatched());
    }
  }

  @Test
  void passwordsAreStoredHashedAndBindsVerifyThem() throws Exception {
    String tester = "uid=hashed,ou=People," + SUFFIX;
    try (LDAPConnection root = shipped.connectAsRoot()) {
      root.add(tester, new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", "hashed"),
          new Attribute("cn", "Hashed"), new Attribute("sn", "Hashed"), new Attribute("userPassword", "first"));
      assertStoredWith("{SSHA}", "first", root, tester);
      root.modify(tester, new Modification(ModificationType.REPLACE, "userPassword", "second"));
      assertStoredWith("{SSHA}", "second", root, tester);
      // Already hashed: stored as sent.
      String hashed = "{SHA}" + "5en6G6MezRroT3XKqkdPOmY/BfQ=";
      root.modify(tester, new Modification(ModificationType.REPLACE, "userPassword", hashed));
      assertEquals(hashed, root.getEntry(tester, "userPassword").getAttributeValue("userPassword"));
      shipped.connect(tester, "secret").close();
      try (LDAPConnection self = shipped.connect(tester, "secret")) {
        assertEquals(ResultCode.SUCCESS,
            self.processExtendedOperation(new PasswordModifyExtendedRequest("secret", "third")).getResultCode());
      }
      assertStoredWith("{SSHA}", "third", root, tester);
      root.delete(tester);
    }
  }

  @Test
  void aHashedRootPwBinds() throws Exception {
    custom.connect(ROOT_DN, ROOT_PW).close();
    try (LDAPConnection connection = custom.connect()) {
      assertResult(ResultCode.INVALID_CREDENTIALS, () -> connection.bind(ROOT_DN, "wrong"));
    }
  }

  @Test
  void passwordHashChoosesTheScheme() throws Exception {
    try (LDAPConnection self = custom.connect(USER_DN, USER_PW); LDAPConnection root = custom.connectAsRoot()) {
      self.modify(USER_DN, new Modification(ModificationType.REPLACE, "userPassword", "pbkdf2"));
      assertStoredWith("{PKCS5S2}", "pbkdf2", root, USER_DN);
      custom.connect(USER_DN, "pbkdf2").close();
      self.modify(USER_DN, new Modification(ModificationType.REPLACE, "userPassword", USER_PW));
    }
  }

  @Test
  void usersWriteWhatTheRulesLetThem() throws Exception {
    try (LDAPConnection jdoe = shipped.connect(USER_DN, USER_PW);
        LDAPConnection other = shipped.connect("uid=bjones,ou=People," + SUFFIX, USER_PW)) {
      // "by self write" covers shadowLastChange too; nothing else is writable.
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> jdoe.modify(USER_DN,
          new Modification(ModificationType.REPLACE, "description", "mine")));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> other.modify(USER_DN,
          new Modification(ModificationType.REPLACE, "userPassword", "stolen")));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> jdoe.delete("cn=staff," + GROUPS));
      assertResult(ResultCode.NO_SUCH_OBJECT, () -> jdoe.modify("uid=nobody,ou=People," + SUFFIX,
          new Modification(ModificationType.REPLACE, "description", "x")));
    }
  }

  @Test
  void attrsAndSelfAndUsersAndAnonymous() throws Exception {
    try (LDAPConnection anonymous = custom.connect();
        LDAPConnection jdoe = custom.connect(USER_DN, USER_PW);
        LDAPConnection bjones = custom.connect("uid=bjones,ou=People," + SUFFIX, USER_PW)) {
      assertFalse(anonymous.getEntry(USER_DN, "mail").hasAttribute("mail"));
      assertEquals(0, anonymous.search(SUFFIX, SearchScope.SUB, "(mail=jdoe@example.com)").getEntryCount());
      assertTrue(bjones.getEntry(USER_DN, "mail").hasAttribute("mail"));
      assertEquals(1, bjones.search(SUFFIX, SearchScope.SUB, "(mail=jdoe@example.com)").getEntryCount());
      jdoe.modify(USER_DN, new Modification(ModificationType.REPLACE, "mail", "john@example.com"));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> bjones.modify(USER_DN,
          new Modification(ModificationType.REPLACE, "mail", "x@example.com")));
      jdoe.modify(USER_DN, new Modification(ModificationType.REPLACE, "mail", "jdoe@example.com"));
    }
  }

  @Test
  void dnExactAndChildrenGrantAddAndDeleteBelowAnEntry() throws Exception {
    String group = "cn=jdoes," + GROUPS;
    try (LDAPConnection jdoe = custom.connect(USER_DN, USER_PW);
        LDAPConnection bjones = custom.connect("uid=bjones,ou=People," + SUFFIX, USER_PW)) {
      Attribute[] attributes = {new Attribute("objectClass", "groupOfNames"), new Attribute("cn", "jdoes"),
          new Attribute("member", USER_DN)};
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> bjones.add(group, attributes));
      jdoe.add(group, attributes);
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> bjones.delete(group));
      jdoe.delete(group);
    }
  }

  @Test
  void anEntryWithoutReadAccessIsNotReturned() throws Exception {
    try (LDAPConnection anonymous = custom.connect();
        LDAPConnection asmith = custom.connect(ASMITH, USER_PW);
        LDAPConnection bjones = custom.connect("uid=bjones,ou=People," + SUFFIX, USER_PW);
        LDAPConnection root = custom.connect(ROOT_DN, ROOT_PW)) {
      // Anonymous has auth access, which discloses the entry without showing it.
      assertEquals(0, anonymous.search(ASMITH, SearchScope.BASE, "(objectClass=*)").getEntryCount());
      // Other users have none: as if it did not exist.
      assertResult(ResultCode.NO_SUCH_OBJECT, () -> bjones.search(ASMITH, SearchScope.BASE, "(objectClass=*)"));
      assertResult(ResultCode.NO_SUCH_OBJECT, () -> bjones.compare(ASMITH, "uid", "asmith"));
      assertEquals(0, anonymous.search(SUFFIX, SearchScope.SUB, "(uid=asmith)").getEntryCount());
      assertEquals(1, asmith.search(SUFFIX, SearchScope.SUB, "(uid=asmith)").getEntryCount());
      assertEquals(1, root.search(SUFFIX, SearchScope.SUB, "(uid=asmith)").getEntryCount());
    }
  }

  @Test
  void filterRulesCoverOnlyMatchingEntries() throws Exception {
    try (LDAPConnection jdoe = custom.connect(USER_DN, USER_PW)) {
      jdoe.modify(USER_DN, new Modification(ModificationType.REPLACE, "description", "mine"));
      String bjones = "uid=bjones,ou=People," + SUFFIX;
      try (LDAPConnection other = custom.connect(bjones, USER_PW)) {
        assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> other.modify(bjones,
            new Modification(ModificationType.REPLACE, "description", "mine too")));
      }
    }
  }

  private static void assertStoredWith(String scheme, String password, LDAPConnection root, String dn)
      throws Exception {
    byte[] stored = root.getEntry(dn, "userPassword").getAttributeValueBytes("userPassword");
    String text = new String(stored, StandardCharsets.UTF_8);
    assertTrue(text.startsWith(scheme), text);
    assertTrue(PasswordUtil.compareCredentials(password.getBytes(StandardCharsets.UTF_8), stored));
  }
}
