package io.mdbldap.backend;

import static io.mdbldap.backend.PartitionFixture.SUFFIX;
import static org.apache.directory.api.ldap.model.message.AliasDerefMode.DEREF_ALWAYS;
import static org.apache.directory.api.ldap.model.message.AliasDerefMode.DEREF_FINDING_BASE_OBJ;
import static org.apache.directory.api.ldap.model.message.AliasDerefMode.DEREF_IN_SEARCHING;
import static org.apache.directory.api.ldap.model.message.AliasDerefMode.NEVER_DEREF_ALIASES;
import static org.apache.directory.api.ldap.model.message.SearchScope.OBJECT;
import static org.apache.directory.api.ldap.model.message.SearchScope.ONELEVEL;
import static org.apache.directory.api.ldap.model.message.SearchScope.SUBTREE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.exception.LdapAliasException;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alias dereferencing in each mode, with ApacheDS's rules. The tree:
 *
 * <pre>
 * dc=example,dc=com
 *   ou=users
 *     ou=sales:  uid=u1 (with cn=deputy, alias to uid=u2,ou=sales), uid=u2
 *     ou=eng:    uid=u1, alias to uid=u1,ou=sales
 *   ou=people:   alias to ou=users
 *   ou=managers: uid=boss and uid=chief, both aliases to uid=u1,ou=sales
 * </pre>
 */
class AliasDereferencingTest {
  private static final String SALES_U1 = "uid=u1,ou=sales,ou=users," + SUFFIX;
  private static final String SALES_U2 = "uid=u2,ou=sales,ou=users," + SUFFIX;
  private static final String ENG_U1 = "uid=u1,ou=eng,ou=users," + SUFFIX;

  @TempDir Path dir;
  private PartitionFixture db;

  @BeforeEach
  void open() throws Exception {
    db = PartitionFixture.open(dir);
    db.add("dn: " + SUFFIX, "objectClass: domain", "dc: example");
    unit("ou=users," + SUFFIX);
    unit("ou=sales,ou=users," + SUFFIX);
    unit("ou=eng,ou=users," + SUFFIX);
    unit("ou=managers," + SUFFIX);
    db.add("dn: " + SALES_U1, "objectClass: account", "uid: u1");
    db.add("dn: " + SALES_U2, "objectClass: account", "uid: u2");
    alias("cn=deputy," + SALES_U1, "cn: deputy", SALES_U2);
    alias(ENG_U1, "uid: u1", SALES_U1);
    alias("ou=people," + SUFFIX, "ou: people", "ou=users," + SUFFIX);
    alias("uid=boss,ou=managers," + SUFFIX, "uid: boss", SALES_U1);
    alias("uid=chief,ou=managers," + SUFFIX, "uid: chief", SALES_U1);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private void unit(String dn) throws Exception {
    db.add("dn: " + dn, "objectClass: organizationalUnit", "ou: " + dn.substring(3, dn.indexOf(',')));
  }

  private void alias(String dn, String naming, String target) throws Exception {
    db.add("dn: " + dn, "objectClass: alias", "objectClass: extensibleObject", naming, "aliasedObjectName: " + target);
  }

  private Set<String> found(String base, SearchScope scope, String filter, AliasDerefMode mode) throws Exception {
    return new TreeSet<>(db.dns(base, scope, filter, mode));
  }

  @Test
  void neverDereferencingReturnsAliasesAsEntries() throws Exception {
    assertEquals(Set.of(SALES_U1, SALES_U2, ENG_U1, "uid=boss,ou=managers," + SUFFIX, "uid=chief,ou=managers," + SUFFIX),
        found(SUFFIX, SUBTREE, "(uid=*)", NEVER_DEREF_ALIASES));
  }

  @Test
  void dereferencingInSearchingLeavesAliasesOut() throws Exception {
    assertEquals(Set.of(SALES_U1, SALES_U2), found(SUFFIX, SUBTREE, "(uid=*)", DEREF_IN_SEARCHING));
  }

  @Test
  void dereferencingInSearchingBringsTargetsOutsideTheScopeInOnce() throws Exception {
    assertEquals(List.of(SALES_U1), db.dns("ou=managers," + SUFFIX, ONELEVEL, "(uid=*)", DEREF_ALWAYS));
    assertEquals(List.of(SALES_U1), db.dns("ou=eng,ou=users," + SUFFIX, SUBTREE, "(uid=*)", DEREF_IN_SEARCHING));
  }

  @Test
  void targetsAreTestedAgainstTheFilter() throws Exception {
    assertEquals(List.of(), db.dns("ou=managers," + SUFFIX, ONELEVEL, "(uid=u2)", DEREF_ALWAYS));
  }

  @Test
  void aTargetAlreadyInTheSubtreeIsNotReturnedTwice() throws Exception {
    assertEquals(List.of(SALES_U2), db.dns("ou=sales,ou=users," + SUFFIX, SUBTREE, "(uid=u2)", DEREF_ALWAYS));
  }

  @Test
  void findingTheBaseStartsAtTheAliasTargetButLeavesAliasesBelowAlone() throws Exception {
    assertEquals(Set.of(SALES_U1, ENG_U1), found("ou=people," + SUFFIX, SUBTREE, "(uid=u1)", DEREF_FINDING_BASE_OBJ));
    assertEquals(Set.of(SALES_U1), found("ou=people," + SUFFIX, SUBTREE, "(uid=u1)", DEREF_ALWAYS));
  }

  @Test
  void withoutFindingTheBaseAnAliasBaseHasNothingBelowIt() throws Exception {
    assertEquals(Set.of(), found("ou=people," + SUFFIX, SUBTREE, "(uid=u1)", DEREF_IN_SEARCHING));
  }

  @Test
  void aBaseScopeSearchReturnsTheAliasOrItsTarget() throws Exception {
    String boss = "uid=boss,ou=managers," + SUFFIX;
    assertEquals(List.of(boss), db.dns(boss, OBJECT, "(objectClass=*)", DEREF_IN_SEARCHING));
    assertEquals(List.of(SALES_U1), db.dns(boss, OBJECT, "(objectClass=*)", DEREF_FINDING_BASE_OBJ));
  }

  @Test
  void findingABaseWhoseTargetIsGoneIsAnAliasProblem() throws Exception {
    alias("uid=ghost,ou=managers," + SUFFIX, "uid: ghost", "uid=gone,ou=sales,ou=users," + SUFFIX);
    assertThrows(LdapAliasException.class,
        () -> db.dns("uid=ghost,ou=managers," + SUFFIX, OBJECT, "(objectClass=*)", DEREF_ALWAYS));
  }
}
