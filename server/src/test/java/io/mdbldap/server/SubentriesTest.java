package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static io.mdbldap.server.TestServer.USER_DN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.RFC3672SubentriesRequestControl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Subentries (RFC 3672) and collective attributes (RFC 3671) over LDAP: the server skips their
 * read-time work while no subentry exists, and must behave exactly as ApacheDS once one does, and
 * again once it is gone.
 */
class SubentriesTest {
  private static final String PEOPLE = "ou=People," + SUFFIX;
  private static final String SUBENTRY = "cn=city," + PEOPLE;

  @RegisterExtension
  static final TestServer server = TestServer.perClass();

  @Test
  void subentryIsHiddenAndItsCollectiveAttributeShownOnlyWhileItExists() throws Exception {
    try (LDAPConnection root = server.connectAsRoot()) {
      List<String> people = dns(root, new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=*)"));
      assertNull(city(root), "no collective attribute before any subentry");

      root.modify(PEOPLE, new Modification(ModificationType.ADD, "administrativeRole",
          "collectiveAttributeSpecificArea"));
      root.add(SUBENTRY, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "subentry",
              "collectiveAttributeSubentry"),
          new com.unboundid.ldap.sdk.Attribute("cn", "city"),
          new com.unboundid.ldap.sdk.Attribute("subtreeSpecification", "{}"),
          new com.unboundid.ldap.sdk.Attribute("c-l", "Berlin"));
      try {
        assertEquals(people, dns(root, new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=*)")),
            "a subtree search does not return the subentry");
        assertNotNull(root.getEntry(SUBENTRY), "a base search does");
        SearchRequest onlySubentries = new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=*)");
        onlySubentries.addControl(new RFC3672SubentriesRequestControl(true));
        assertEquals(List.of(SUBENTRY.toLowerCase()), dns(root, onlySubentries),
            "with the Subentries control, only the subentry");
        assertEquals("Berlin", city(root), "the entries below get the collective attribute");
      } finally {
        root.delete(SUBENTRY);
      }

      assertNull(city(root), "no collective attribute once the subentry is gone");
      assertEquals(people, dns(root, new SearchRequest(PEOPLE, SearchScope.SUB, "(objectClass=*)")));
    }
  }

  /** The user's collective locality, by lookup and as a search result. */
  private static String city(LDAPConnection root) throws Exception {
    String looked = root.getEntry(USER_DN, "c-l").getAttributeValue("c-l");
    SearchResultEntry found = root.searchForEntry(PEOPLE, SearchScope.SUB, "(uid=jdoe)", "c-l");
    assertEquals(looked, found.getAttributeValue("c-l"), "lookup and search agree");
    return looked;
  }

  private static List<String> dns(LDAPConnection connection, SearchRequest request) throws Exception {
    return connection.search(request).getSearchEntries().stream()
        .map(e -> e.getDN().toLowerCase()).sorted().toList();
  }
}
