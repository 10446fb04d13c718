package io.mdbldap.backend;

import static io.mdbldap.backend.PartitionFixture.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;
import org.apache.directory.server.core.api.interceptor.context.HasEntryOperationContext;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.api.partition.Subordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The partition's side of ApacheDS's contract, one rule per test, on real LMDB files. */
class MdbPartitionTest {
  @TempDir Path dir;
  private PartitionFixture db;

  @BeforeEach
  void open() throws Exception {
    db = PartitionFixture.open(dir);
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  /** ApacheDS hands the partition schema-aware modifications. */
  private static AttributeType type(String name) throws Exception {
    return PartitionFixture.schema().getAttributeType(name);
  }

  @Test
  void lookupReturnsAClonedEntryWithEntryDnAndTheParentsUuidAsEntryParentId() throws Exception {
    db.addBaseEntries();
    Entry people = db.lookup("ou=people," + SUFFIX);
    Entry context = db.lookup(SUFFIX);
    assertTrue(people instanceof ClonedServerEntry);
    assertEquals("ou=people," + SUFFIX, people.get("entryDN").getString());
    assertEquals(context.get("entryUUID").getString(), people.get("entryParentId").getString());
  }

  @Test
  void searchResultsLeaveOutTheDerivedAndBookkeepingAttributesTheSearchDoesNotReturn() throws Exception {
    db.addBaseEntries();
    Entry people = db.searchBase("ou=people," + SUFFIX, ctx -> { });
    assertEquals("people", people.get("ou").getString());
    for (String unasked : List.of("entryDN", "entryParentId", "entryUUID", "entryCSN")) {
      assertNull(people.get(unasked), unasked);
    }
  }

  @Test
  void searchResultsCarryTheOperationalAttributesTheSearchAsksFor() throws Exception {
    db.addBaseEntries();
    Entry people = db.searchBase("ou=people," + SUFFIX, ctx -> ctx.setAllOperationalAttributes(true));
    Entry context = db.lookup(SUFFIX);
    assertEquals("ou=people," + SUFFIX, people.get("entryDN").getString());
    assertEquals(context.get("entryUUID").getString(), people.get("entryParentId").getString());
    assertEquals(db.lookup("ou=people," + SUFFIX).get("entryUUID").getString(), people.get("entryUUID").getString());
    assertNotNull(people.get("entryCSN"));
  }

  @Test
  void theContextEntrysParentIsTheRoot() throws Exception {
    db.addBaseEntries();
    assertEquals(Partition.ROOT_ID, db.lookup(SUFFIX).get("entryParentId").getString());
  }

  @Test
  void derivedAttributesAreNotStored() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a",
        "entryDN: cn=elsewhere," + SUFFIX, "entryParentId: not-a-parent");
    Entry a = db.lookup("cn=a,ou=people," + SUFFIX);
    assertEquals("cn=a,ou=people," + SUFFIX, a.get("entryDN").getString());
    assertEquals(db.lookup("ou=people," + SUFFIX).get("entryUUID").getString(), a.get("entryParentId").getString());
  }

  @Test
  void lookupOfAMissingEntryIsNull() throws Exception {
    db.addBaseEntries();
    assertNull(db.lookup("ou=nobody," + SUFFIX));
  }

  @Test
  void hasEntryTellsWhetherTheEntryExists() throws Exception {
    db.addBaseEntries();
    assertTrue(db.partition().hasEntry(new HasEntryOperationContext(null, PartitionFixture.dn("ou=people," + SUFFIX))));
    assertFalse(db.partition().hasEntry(new HasEntryOperationContext(null, PartitionFixture.dn("ou=x," + SUFFIX))));
  }

  @Test
  void addingAnExistingEntryIsRefused() throws Exception {
    db.addBaseEntries();
    assertThrows(LdapEntryAlreadyExistsException.class,
        () -> db.add("dn: ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
  }

  @Test
  void aSearchOfTheSuffixBeforeTheContextEntryExistsIsEmpty() throws Exception {
    assertEquals(List.of(), db.dns(SUFFIX, SearchScope.SUBTREE, "(objectClass=*)"));
  }

  @Test
  void aSearchOfAMissingBaseIsNoSuchObjectWithTheMatchedDn() throws Exception {
    db.addBaseEntries();
    LdapNoSuchObjectException e = assertThrows(LdapNoSuchObjectException.class,
        () -> db.dns("cn=x,ou=people," + SUFFIX, SearchScope.SUBTREE, "(objectClass=*)"));
    assertEquals(PartitionFixture.dn("ou=people," + SUFFIX), e.getResolvedDn());
  }

  @Test
  void searchScopesSelectBaseChildrenOrSubtree() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    assertEquals(List.of("ou=people," + SUFFIX), db.dns("ou=people," + SUFFIX, SearchScope.OBJECT, "(objectClass=*)"));
    assertEquals(List.of("cn=a,ou=people," + SUFFIX), db.dns("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(objectClass=*)"));
    assertEquals(3, db.dns(SUFFIX, SearchScope.SUBTREE, "(objectClass=*)").size());
    assertEquals(List.of("cn=a,ou=people," + SUFFIX), db.dns(SUFFIX, SearchScope.SUBTREE, "(sn=a)"));
  }

  @Test
  void anUnknownAttributeInAFilterBranchIsUndefinedNotAnError() throws Exception {
    db.addBaseEntries();
    assertEquals(List.of("ou=people," + SUFFIX),
        db.dns(SUFFIX, SearchScope.SUBTREE, "(|(noSuchAttribute=x)(ou=people))"));
  }

  @Test
  void deletingAnEntryWithChildrenIsRefused() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    assertThrows(LdapContextNotEmptyException.class, () -> db.delete("ou=people," + SUFFIX));
    db.delete("cn=a,ou=people," + SUFFIX);
    db.delete("ou=people," + SUFFIX);
    assertNull(db.lookup("ou=people," + SUFFIX));
  }

  @Test
  void incrementAddsToEveryValueAndTheAlteredEntryIsHandedBack() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "objectClass: extensibleObject",
        "cn: a", "sn: a", "mailPreferenceOption: 41");
    Entry altered = db.modify("cn=a,ou=people," + SUFFIX,
        new DefaultModification(ModificationOperation.INCREMENT_ATTRIBUTE, type("mailPreferenceOption"), "2"));
    assertEquals("43", altered.get("mailPreferenceOption").getString());
    assertEquals("cn=a,ou=people," + SUFFIX, altered.get("entryDN").getString());
    assertEquals("43", db.lookup("cn=a,ou=people," + SUFFIX).get("mailPreferenceOption").getString());
  }

  @Test
  void aBinaryValueCanBeRemoved() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: inetOrgPerson", "cn: a", "sn: a");
    byte[] first = {0x00, 0x01};
    byte[] second = {0x02, 0x03};
    db.modify("cn=a,ou=people," + SUFFIX,
        new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, type("userCertificate"), first, second));
    db.modify("cn=a,ou=people," + SUFFIX,
        new DefaultModification(ModificationOperation.REMOVE_ATTRIBUTE, type("userCertificate"), first));
    Entry a = db.lookup("cn=a,ou=people," + SUFFIX);
    assertEquals(1, a.get("userCertificate").size());
    assertTrue(a.get("userCertificate").contains(second));
  }

  @Test
  void renameWithoutDeleteOldRdnKeepsTheOldValueOfAMultiValuedAttribute() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    db.rename("cn=a,ou=people," + SUFFIX, "cn=b", false);
    Entry b = db.lookup("cn=b,ou=people," + SUFFIX);
    assertTrue(b.contains("cn", "a", "b"));
    assertNull(db.lookup("cn=a,ou=people," + SUFFIX));
  }

  @Test
  void renameWithDeleteOldRdnRemovesTheOldValue() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    db.rename("cn=a,ou=people," + SUFFIX, "sn=b", true);
    Entry b = db.lookup("sn=b,ou=people," + SUFFIX);
    assertNull(b.get("cn"));
    assertTrue(b.contains("sn", "a", "b"));
  }

  @Test
  void aRenameThatOnlyChangesCaseStoresTheNewCase() throws Exception {
    db.addBaseEntries();
    db.rename("ou=people," + SUFFIX, "ou=People", true);
    Entry people = db.lookup("ou=People," + SUFFIX);
    assertEquals(1, people.get("ou").size());
    assertEquals("People", people.get("ou").getString());
  }

  @Test
  void renameToASingleValuedAttributeReplacesItsValueEvenWithoutDeleteOldRdn() throws Exception {
    db.addBaseEntries();
    db.add("dn: dc=a,ou=people," + SUFFIX, "objectClass: domain", "dc: a");
    db.rename("dc=a,ou=people," + SUFFIX, "dc=b", false);
    Entry b = db.lookup("dc=b,ou=people," + SUFFIX);
    assertEquals(1, b.get("dc").size());
    assertEquals("b", b.get("dc").getString());
  }

  @Test
  void moveKeepsTheSubtreeAndStoresTheOperationalAttributesApacheDsComputed() throws Exception {
    db.addBaseEntries();
    db.add("dn: ou=staff," + SUFFIX, "objectClass: organizationalUnit", "ou: staff");
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    db.add("dn: cn=x,cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: x", "sn: x");
    db.move("cn=a,ou=people," + SUFFIX, "ou=staff," + SUFFIX);
    Entry a = db.lookup("cn=a,ou=staff," + SUFFIX);
    assertEquals("uid=mover,ou=system", a.get("modifiersName").getString());
    assertEquals(db.lookup("ou=staff," + SUFFIX).get("entryUUID").getString(), a.get("entryParentId").getString());
    assertEquals("cn=x,cn=a,ou=staff," + SUFFIX, db.lookup("cn=x,cn=a,ou=staff," + SUFFIX).get("entryDN").getString());
  }

  @Test
  void moveBelowItselfIsRefused() throws Exception {
    db.addBaseEntries();
    db.add("dn: ou=sub,ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: sub");
    LdapUnwillingToPerformException e = assertThrows(LdapUnwillingToPerformException.class,
        () -> db.move("ou=people," + SUFFIX, "ou=sub,ou=people," + SUFFIX));
    assertEquals(ResultCodeEnum.UNWILLING_TO_PERFORM, e.getResultCode());
  }

  @Test
  void moveUnderAMissingSuperiorIsNoSuchObject() throws Exception {
    db.addBaseEntries();
    assertThrows(LdapNoSuchObjectException.class, () -> db.move("ou=people," + SUFFIX, "ou=nowhere," + SUFFIX));
    assertTrue(db.lookup("ou=people," + SUFFIX) != null);
  }

  @Test
  void subordinatesCountChildrenAndAllDescendants() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    db.add("dn: cn=x,cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: x", "sn: x");
    Subordinates context = db.partition().getSubordinates(null, db.lookup(SUFFIX));
    assertEquals(1, context.getNbChildren());
    assertEquals(3, context.getNbSubordinates());
  }

  @Test
  void theContextCsnIsTheHighestEntryCsnAndIsSavedOnTheContextEntry() throws Exception {
    db.addBaseEntries();
    Entry last = db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    String csn = last.get("entryCSN").getString();
    assertEquals(csn, db.partition().getContextCsn(null));
    assertEquals(csn, db.lookup(SUFFIX).get("contextCSN").getString());
    db.restart();
    assertEquals(csn, db.partition().getContextCsn(null));
  }

  @Test
  void savingTheContextCsnLeavesTheContextEntrysOwnCsnAlone() throws Exception {
    Entry context = db.add("dn: " + SUFFIX, "objectClass: domain", "dc: example");
    db.add("dn: ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people");
    assertEquals(context.get("entryCSN").getString(), db.lookup(SUFFIX).get("entryCSN").getString());
  }

  @Test
  void aDatabaseThatIsFullRefusesWritesWithUnwillingToPerform(@TempDir Path small) throws Exception {
    try (PartitionFixture full = PartitionFixture.open(small, b -> b.initialMapSize(1 << 20).maxSize(1 << 20))) {
      full.addBaseEntries();
      String bulk = "x".repeat(2000);
      LdapException e = assertThrows(LdapException.class, () -> {
        for (int i = 0; i < 10_000; i++) {
          full.add("dn: cn=" + i + ",ou=people," + SUFFIX, "objectClass: person", "cn: " + i, "sn: x",
              "description: " + bulk);
        }
      });
      assertTrue(e instanceof LdapUnwillingToPerformException, e.toString());
      assertTrue(e.getMessage().contains("database full"), e.getMessage());
      assertTrue(full.lookup("ou=people," + SUFFIX) != null, "reads go on");
    }
  }

  @Test
  void anIndexAddedToAnInitializedPartitionComesWithTheNextStartAndSearchesStayRight() throws Exception {
    db.addBaseEntries();
    db.add("dn: cn=a,ou=people," + SUFFIX, "objectClass: person", "cn: a", "sn: a");
    db.partition().addIndex("sn", io.mdbldap.store.IndexKind.parse("eq"));
    db.restart();
    assertEquals(List.of("cn=a,ou=people," + SUFFIX), db.dns(SUFFIX, SearchScope.SUBTREE, "(sn=a)"));
  }
}
