package io.mdbldap.server;

import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static io.mdbldap.server.TestServer.USER_PW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.EntryChangeNotificationControl;
import com.unboundid.ldap.sdk.controls.PersistentSearchChangeType;
import com.unboundid.ldap.sdk.controls.PersistentSearchRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortRequestControl;
import com.unboundid.ldap.sdk.controls.ServerSideSortResponseControl;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.controls.SortKey;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedRequest;
import com.unboundid.ldap.sdk.extensions.WhoAmIExtendedResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LDAP operations over TCP, with the UnboundID SDK, on the shipped configuration and sample
 * data: what the rootdn, a user and an anonymous client may do.
 */
class LdapOperationsTest {
  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void rootDnBindsWithRootPwThoughItHasNoEntry() throws Exception {
    try (LDAPConnection root = server.connectAsRoot()) {
      assertNull(root.getEntry(ROOT_DN));
      assertEquals("dn:" + ROOT_DN, whoAmI(root));
    }
  }

  @Test
  void wrongPasswordsAndApacheDsAdminAreRefused() {
    try (LDAPConnection connection = server.connect()) {
      assertResult(ResultCode.INVALID_CREDENTIALS, () -> connection.bind(ROOT_DN, "wrong"));
      assertResult(ResultCode.INVALID_CREDENTIALS, () -> connection.bind(USER_DN, "wrong"));
      // ApacheDS's built-in administrator, with its well-known default password.
      assertResult(ResultCode.INVALID_CREDENTIALS, () -> connection.bind("uid=admin,ou=system", "secret"));
    }
  }

  @Test
  void apacheDsAdministratorIsHiddenFromUsersSearchingOuSystem() throws Exception {
    try (LDAPConnection user = server.connect(USER_DN, USER_PW);
        LDAPConnection anonymous = server.connect()) {
      for (LDAPConnection connection : List.of(user, anonymous)) {
        SearchResult system = connection.search("ou=system", SearchScope.SUB, "(objectClass=*)");
        assertTrue(system.getEntryCount() > 0);
        assertTrue(system.getSearchEntries().stream().noneMatch(e -> e.getDN().equalsIgnoreCase("uid=admin,ou=system")),
            system.getSearchEntries().toString());
      }
    }
  }

  @Test
  void usersBindWithTheirEntrysPassword() throws Exception {
    try (LDAPConnection user = server.connect(USER_DN, USER_PW)) {
      assertEquals("dn:" + USER_DN, whoAmI(user));
    }
  }

  @Test
  void anonymousClientsReadButDoNotWrite() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      assertNull(whoAmI(anonymous));
      assertEquals(26, anonymous.search(SUFFIX, SearchScope.SUB, "(objectClass=*)").getEntryCount());
      assertResult(ResultCode.STRONG_AUTH_REQUIRED, () -> anonymous.add("ou=anonymous," + SUFFIX,
          new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", "anonymous")));
      assertResult(ResultCode.STRONG_AUTH_REQUIRED, () -> anonymous.delete("ou=Groups," + SUFFIX));
    }
  }

  @Test
  void usersWriteOnlyTheirOwnPassword() throws Exception {
    try (LDAPConnection user = server.connect("uid=asmith,ou=People," + SUFFIX, USER_PW)) {
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> user.modify(USER_DN,
          new Modification(ModificationType.REPLACE, "description", "not mine")));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> user.modify("uid=asmith,ou=People," + SUFFIX,
          new Modification(ModificationType.REPLACE, "description", "mine, but not a password")));
      user.modify("uid=asmith,ou=People," + SUFFIX,
          new Modification(ModificationType.REPLACE, "userPassword", USER_PW));
    }
  }

  @Test
  void passwordsAreShownOnlyToTheirOwnerAndTheRootDn() throws Exception {
    try (LDAPConnection anonymous = server.connect();
        LDAPConnection user = server.connect(USER_DN, USER_PW);
        LDAPConnection root = server.connectAsRoot()) {
      assertFalse(anonymous.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertFalse(user.getEntry("uid=asmith,ou=People," + SUFFIX, "*").hasAttribute("userPassword"));
      assertTrue(user.getEntry(USER_DN, "*").hasAttribute("userPassword"));
      assertTrue(root.getEntry("uid=asmith,ou=People," + SUFFIX, "*").hasAttribute("userPassword"));
      assertResult(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, () -> anonymous.compare(USER_DN, "userPassword", USER_PW));
      // As slapd: a filter term over an attribute the client may not search is Undefined, so nothing matches.
      assertEquals(0, anonymous.search(SUFFIX, SearchScope.SUB, "(userPassword=*)").getEntryCount());
    }
  }

  @Test
  void rootDnAddsSearchesModifiesRenamesComparesAndDeletes() throws Exception {
    String dn = "uid=tester,ou=People," + SUFFIX;
    try (LDAPConnection root = server.connectAsRoot()) {
      root.add("dn: " + dn, "objectClass: inetOrgPerson", "uid: tester", "cn: Test Er", "sn: Er");
      assertEquals(new DN(ROOT_DN), new DN(root.getEntry(dn, "creatorsName").getAttributeValue("creatorsName")));
      root.modify(dn, new Modification(ModificationType.ADD, "mail", "tester@example.com"));
      SearchResult found = root.search(SUFFIX, SearchScope.SUB, "(mail=tester@example.com)", "cn");
      assertEquals(List.of(dn), found.getSearchEntries().stream().map(SearchResultEntry::getDN).toList());
      assertTrue(root.compare(dn, "sn", "Er").compareMatched());
      assertFalse(root.compare(dn, "sn", "Other").compareMatched());
      root.modifyDN(dn, "uid=renamed", true);
      String renamed = "uid=renamed,ou=People," + SUFFIX;
      assertNull(root.getEntry(dn));
      assertEquals("renamed", root.getEntry(renamed).getAttributeValue("uid"));
      root.delete(renamed);
      assertNull(root.getEntry(renamed));
    }
  }

  @Test
  void missingEntriesAndDuplicatesGiveTheirLdapResults() throws Exception {
    try (LDAPConnection root = server.connectAsRoot()) {
      assertResult(ResultCode.NO_SUCH_OBJECT, () -> root.delete("uid=nobody,ou=People," + SUFFIX));
      assertResult(ResultCode.ENTRY_ALREADY_EXISTS,
          () -> root.add("dn: ou=People," + SUFFIX, "objectClass: organizationalUnit", "ou: People"));
      assertResult(ResultCode.OBJECT_CLASS_VIOLATION,
          () -> root.add("dn: uid=nosn,ou=People," + SUFFIX, "objectClass: inetOrgPerson", "uid: nosn", "cn: x"));
    }
  }

  @Test
  void rootDseListsTheDatabasesControlsAndExtensions() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      SearchResultEntry rootDse = anonymous.getEntry("", "*", "+");
      assertEquals(List.of(SUFFIX), List.of(rootDse.getAttributeValues("namingContexts")));
      assertEquals("cn=schema", rootDse.getAttributeValue("subschemaSubentry"));
      List<String> controls = List.of(rootDse.getAttributeValues("supportedControl"));
      assertTrue(controls.containsAll(List.of("1.2.840.113556.1.4.319", "1.2.840.113556.1.4.473",
          "2.16.840.1.113730.3.4.3")), "paged results, sort, persistent search: " + controls);
      List<String> extensions = List.of(rootDse.getAttributeValues("supportedExtension"));
      assertTrue(extensions.containsAll(List.of("1.3.6.1.4.1.4203.1.11.3", "1.3.6.1.4.1.4203.1.11.1")),
          "Who am I?, Password Modify: " + extensions);
    }
  }

  @Test
  void subschemaShowsTheConfiguredSchema() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      SearchResultEntry schema = anonymous.getEntry("cn=schema", "attributeTypes", "objectClasses",
          "modifyTimestamp");
      assertNotNull(schema.getAttributeValue("modifyTimestamp"));
      // nis.schema, which conf/slapd.conf includes.
      assertTrue(List.of(schema.getAttributeValues("objectClasses")).stream()
          .anyMatch(oc -> oc.contains("'posixAccount'")));
      assertTrue(List.of(schema.getAttributeValues("attributeTypes")).stream()
          .anyMatch(at -> at.contains("'loginShell'")));
    }
  }

  @Test
  void pagedResultsComeInPagesOfTheAskedSize() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      List<Integer> pages = new ArrayList<>();
      ASN1OctetString cookie = null;
      do {
        SearchRequest request = new SearchRequest(SUFFIX, SearchScope.SUB, "(objectClass=*)", "1.1");
        request.setControls(new SimplePagedResultsControl(10, cookie));
        SearchResult page = anonymous.search(request);
        pages.add(page.getEntryCount());
        cookie = SimplePagedResultsControl.get(page).getCookie();
      } while (cookie != null && cookie.getValueLength() > 0);
      assertEquals(List.of(10, 10, 6), pages);
    }
  }

  @Test
  void serverSideSortOrdersResults() throws Exception {
    try (LDAPConnection anonymous = server.connect()) {
      SearchRequest request = new SearchRequest(SUFFIX, SearchScope.SUB, "(objectClass=inetOrgPerson)", "uid");
      request.setControls(new ServerSideSortRequestControl(true, new SortKey("uid", true)));
      SearchResult result = anonymous.search(request);
      List<String> uids = result.getSearchEntries().stream().map(e -> e.getAttributeValue("uid")).toList();
      assertTrue(uids.size() > 2, uids.toString());
      assertEquals(uids.stream().sorted(Comparator.reverseOrder()).toList(), uids);
      assertEquals(ResultCode.SUCCESS, ServerSideSortResponseControl.get(result).getResultCode());
    }
  }

  @Test
  void persistentSearchReportsChanges() throws Exception {
    String groups = "ou=Groups," + SUFFIX;
    String dn = "cn=watched," + groups;
    BlockingQueue<SearchResultEntry> changes = new LinkedBlockingQueue<>();
    try (LDAPConnection watcher = server.connect(); LDAPConnection root = server.connectAsRoot()) {
      SearchRequest request = new SearchRequest(new EntryQueue(changes), groups, SearchScope.SUB, "(objectClass=*)",
          "cn");
      request.setControls(new PersistentSearchRequestControl(PersistentSearchChangeType.allChangeTypes(), true, true));
      AsyncRequestID search = watcher.asyncSearch(request);
      // The search is registered once the server has read it: touch the base until a change shows, then settle.
      for (int i = 0; changes.poll(200, TimeUnit.MILLISECONDS) == null && i < 50; i++) {
        root.modify(groups, new Modification(ModificationType.REPLACE, "description", "probe " + i));
      }
      while (changes.poll(500, TimeUnit.MILLISECONDS) != null) {
        // Drain the notifications of the probes.
      }
      root.add("dn: " + dn, "objectClass: groupOfNames", "cn: watched", "member: " + USER_DN);
      root.modify(dn, new Modification(ModificationType.ADD, "description", "watched"));
      root.delete(dn);
      for (PersistentSearchChangeType expected : List.of(PersistentSearchChangeType.ADD,
          PersistentSearchChangeType.MODIFY, PersistentSearchChangeType.DELETE)) {
        SearchResultEntry change = changes.poll(5, TimeUnit.SECONDS);
        assertNotNull(change, "no notification of " + expected);
        assertEquals(new DN(dn), new DN(change.getDN()));
        assertEquals(expected, EntryChangeNotificationControl.get(change).getChangeType());
      }
      watcher.abandon(search);
    }
  }

  private static String whoAmI(LDAPConnection connection) throws LDAPException {
    WhoAmIExtendedResult result = (WhoAmIExtendedResult) connection.processExtendedOperation(
        new WhoAmIExtendedRequest());
    assertEquals(ResultCode.SUCCESS, result.getResultCode());
    return result.getAuthorizationID();
  }

  /** Runs {@code operation} and checks it fails with {@code expected}. */
  static void assertResult(ResultCode expected, LdapCall operation) {
    LDAPException failure = assertThrows(LDAPException.class, operation::run);
    assertEquals(expected, failure.getResultCode(), failure.getMessage());
  }

  /** Collects the entries of an asynchronous search. */
  private record EntryQueue(BlockingQueue<SearchResultEntry> entries) implements AsyncSearchResultListener {
    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      entries.add(entry);
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {
      // None expected.
    }

    @Override
    public void searchResultReceived(AsyncRequestID requestId, SearchResult result) {
      // A persistent search only ends when abandoned.
    }
  }

  /** An LDAP call that may fail. */
  @FunctionalInterface
  interface LdapCall {
    void run() throws Exception;
  }
}
