package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.CompareResult;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.ManageDsaITRequestControl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where ApacheDS by itself answers otherwise than slapd, and the server corrects it (issue #3;
 * SameAnswersAsSlapdTest compares every answer with a real slapd where one is installed).
 */
class SlapdAnswersTest {
  private static final String PEOPLE = "ou=People," + SUFFIX;

  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void comparesAnswerWithoutMatchedDn() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      CompareResult matches = anonymous.compare(USER_DN, "uid", "jdoe");
      CompareResult differs = anonymous.compare(USER_DN, "sn", "Nobody");
      assertEquals(ResultCode.COMPARE_TRUE, matches.getResultCode());
      assertEquals(ResultCode.COMPARE_FALSE, differs.getResultCode());
      assertNull(matches.getMatchedDN());
      assertNull(differs.getMatchedDN());
    }
  }

  @Test
  void aMissingTargetNamesItsClosestExistingAncestor() throws Exception {
    String missing = "uid=nobody,ou=Nowhere," + PEOPLE;
    try (LDAPConnection root = server.connectAsRoot()) {
      assertMatchedDn(PEOPLE, () -> root.modify(missing, new Modification(ModificationType.REPLACE, "cn", "x")));
      assertMatchedDn(PEOPLE, () -> root.delete(missing));
      assertMatchedDn(PEOPLE, () -> root.modifyDN(missing, "uid=somebody", true));
      assertMatchedDn(PEOPLE, () -> root.compare(missing, "uid", "nobody"));
      assertMatchedDn(PEOPLE, () -> root.add(missing, new Attribute("objectClass", "account"),
          new Attribute("uid", "nobody")));
      // What is missing is not the target, which exists: no matchedDN, as slapd.
      assertMatchedDn(null, () -> root.modifyDN(USER_DN, "uid=jdoe", false, "ou=Nowhere," + SUFFIX));
      // Outside every database: nothing exists to name.
      assertMatchedDn(null, () -> root.delete("uid=nobody,dc=example,dc=org"));
    }
  }

  @Test
  void aBindAsAReferralObjectIsInvalidCredentials() throws Exception {
    String moved = "cn=moved," + SUFFIX;
    AddRequest add = new AddRequest(moved, new Attribute("objectClass", "referral", "extensibleObject"),
        new Attribute("cn", "moved"), new Attribute("ref", "ldap://elsewhere.example/cn=moved"),
        new Attribute("userPassword", "moved-secret"));
    add.addControl(new ManageDsaITRequestControl());
    try (LDAPConnection root = server.connectAsRoot(); LDAPConnection client = server.connect()) {
      root.add(add);
      try {
        // back-mdb's bind answers invalidCredentials for a referral object, whatever the password.
        LDAPException bind = assertThrows(LDAPException.class, () -> client.bind(moved, "moved-secret"));
        assertEquals(ResultCode.INVALID_CREDENTIALS, bind.getResultCode());
      } finally {
        DeleteRequest delete = new DeleteRequest(moved);
        delete.addControl(new ManageDsaITRequestControl());
        root.delete(delete);
      }
    }
  }

  @Test
  void undefinedAttributeTypesAreUndefinedAttributeType() throws Exception {
    try (LDAPConnection root = server.connectAsRoot()) {
      LDAPException add = assertThrows(LDAPException.class, () -> root.add("uid=undefined," + PEOPLE,
          new Attribute("objectClass", "account"), new Attribute("uid", "undefined"),
          new Attribute("undefinedAttr", "x")));
      LDAPException modify = assertThrows(LDAPException.class, () -> root.modify(USER_DN,
          new Modification(ModificationType.REPLACE, "undefinedAttr", "x")));
      assertEquals(ResultCode.UNDEFINED_ATTRIBUTE_TYPE, add.getResultCode());
      assertEquals(ResultCode.UNDEFINED_ATTRIBUTE_TYPE, modify.getResultCode());
      assertEquals("undefinedAttr: attribute type undefined", modify.getDiagnosticMessage());
      // A defined type's missing value keeps its own answer.
      LDAPException missingValue = assertThrows(LDAPException.class, () -> root.modify(USER_DN,
          new Modification(ModificationType.DELETE, "description", "no such value")));
      assertEquals(ResultCode.NO_SUCH_ATTRIBUTE, missingValue.getResultCode());
    }
  }

  @Test
  void aSimpleBindNameThatIsNotADnIsInvalidDnSyntax() {
    try (LDAPConnection connection = server.connect()) {
      LDAPException bind = assertThrows(LDAPException.class, () -> connection.bind("not a DN", USER_PW));
      assertEquals(ResultCode.INVALID_DN_SYNTAX, bind.getResultCode());
      LDAPException wrongPassword = assertThrows(LDAPException.class, () -> connection.bind(USER_DN, "wrong"));
      assertEquals(ResultCode.INVALID_CREDENTIALS, wrongPassword.getResultCode());
    }
  }

  @Test
  void incrementsReachTheDatabase() throws Exception {
    String dn = "uid=counter," + PEOPLE;
    try (LDAPConnection root = server.connectAsRoot()) {
      root.add(dn, new Attribute("objectClass", "account", "posixAccount"), new Attribute("uid", "counter"),
          new Attribute("cn", "counter"), new Attribute("uidNumber", "41"), new Attribute("gidNumber", "20000"),
          new Attribute("homeDirectory", "/"));
      root.modify(dn, new Modification(ModificationType.INCREMENT, "uidNumber", "1"));
      assertEquals("42", root.getEntry(dn, "uidNumber").getAttributeValue("uidNumber"));
      // A failing increment is answered, and the connection stays: ApacheDS prints the failed request.
      LDAPException failed = assertThrows(LDAPException.class,
          () -> root.modify(dn, new Modification(ModificationType.INCREMENT, "uidNumber", "one")));
      assertNotEquals(ResultCode.SERVER_DOWN, failed.getResultCode(), failed.getMessage());
      assertEquals("42", root.getEntry(dn, "uidNumber").getAttributeValue("uidNumber"));
      root.delete(dn);
    }
  }

  @Test
  void extensibleMatchesWithoutTypeTryEveryAttributeOfTheRulesSyntax() throws Exception {
    try (LDAPConnection anonymous = server.connect(); LDAPConnection root = server.connectAsRoot()) {
      assertEquals(List.of(USER_DN), dns(anonymous, "(:caseExactMatch:=John Doe)"));
      assertEquals(List.of(), dns(anonymous, "(:caseExactMatch:=john doe)"));
      assertEquals(List.of(USER_DN), dns(anonymous, "(&(uid=jdoe)(:caseIgnoreMatch:=john doe))"));
      // The rule of userPassword's syntax covers userPassword (stored hashed): a match for the rootdn,
      // and for whoever may not search it an Undefined term, as in slapd: nothing found, nothing leaked.
      String stored = root.getEntry(USER_DN, "userPassword").getAttributeValue("userPassword");
      assertTrue(dns(root, "(:octetStringMatch:=" + Filter.encodeValue(stored) + ")").contains(USER_DN));
      assertEquals(List.of(), dns(anonymous, "(:octetStringMatch:=" + Filter.encodeValue(stored) + ")"));
    }
  }

  @Test
  void uidNumberAndGidNumberHaveIntegerOrdering() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      assertEquals(List.of("uid=asmith," + PEOPLE), dns(anonymous, "(uidNumber>=10002)"));
      // Numeric order: 9999 < 10000, though "9999" > "10000" as text.
      assertEquals(List.of(), dns(anonymous, "(&(gidNumber<=9999)(gidNumber=*))"));
      assertEquals(3, dns(anonymous, "(gidNumber<=10000)").size());
    }
  }

  private static List<String> dns(LDAPConnection connection, String filter) throws LDAPException {
    return connection.search(SUFFIX, SearchScope.SUB, filter, "1.1").getSearchEntries().stream()
        .map(SearchResultEntry::getDN).toList();
  }

  private static void assertMatchedDn(String expected, LdapCall call) {
    LDAPException failure = assertThrows(LDAPException.class, call::run);
    assertEquals(ResultCode.NO_SUCH_OBJECT, failure.getResultCode(), failure.getMessage());
    assertEquals(expected, failure.getMatchedDN(), failure.getMessage());
  }

  @FunctionalInterface
  private interface LdapCall {
    void run() throws Exception;
  }
}
