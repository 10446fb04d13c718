package io.mdbldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.search.SearchStart;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the store through its public API, one rule per test, on a real LMDB directory. */
class MdbStoreTest {
  private static SchemaManager schema;
  @TempDir Path dir;
  private MdbStore store;

  @BeforeAll
  static void loadSchema() throws Exception {
    schema = new DefaultSchemaManager();
  }

  @BeforeEach
  void open() throws Exception {
    store = open(IndexConfig.builder().add("objectClass", "eq").add("cn,sn", "eq,sub,pres,approx").build());
    add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    add("dn: cn=Barbara Jensen,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson",
        "cn: Barbara Jensen", "cn: Babs Jensen", "sn: Jensen");
    add("dn: cn=John Smith,ou=people,dc=example,dc=com", "objectClass: person", "cn: John Smith", "sn: Smith");
  }

  private MdbStore open(IndexConfig indices) {
    return MdbStore.open(StoreConfig.builder(dir, "dc=example,dc=com").durable(false).indices(indices).build(), schema);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long add(String... ldif) throws Exception {
    String dn = ldif[0].substring(4);
    String[] rest = java.util.Arrays.copyOfRange(ldif, 1, ldif.length);
    return store.add(new DefaultEntry(schema, dn, (Object[]) rest));
  }

  private List<String> search(String base, Scope scope, String filter) throws Exception {
    return new ArrayList<>(new TreeSet<>(rdns(SearchSpec.builder(new Dn(base)).scope(scope)
        .filter(FilterParser.parse(filter)).build())));
  }

  /** The RDNs of what {@code spec} finds, in the order found. */
  private List<String> rdns(SearchSpec spec) throws Exception {
    List<String> dns = new ArrayList<>();
    try (SearchCursor c = store.search(spec)) {
      for (Entry e = c.next(); e != null; e = c.next()) {
        dns.add(e.getDn().getRdn().getName());
      }
    }
    return dns;
  }

  @Test
  void idsAreSequentialAndNeverReused() throws Exception {
    long id = add("dn: cn=x,dc=example,dc=com", "objectClass: person", "cn: x", "sn: x");
    assertEquals(5, id);
    store.delete(new Dn("cn=x,dc=example,dc=com"));
    assertEquals(6, add("dn: cn=y,dc=example,dc=com", "objectClass: person", "cn: y", "sn: y"));
  }

  @Test
  void lookupByDnIgnoresCaseAndSpacing() throws Exception {
    Entry e = store.lookup(new Dn("CN=barbara   jensen, OU=People,dc=EXAMPLE,dc=com"));
    assertNotNull(e);
    assertTrue(e.contains("cn", "Babs Jensen"));
    assertNull(store.lookup(new Dn("cn=nobody,dc=example,dc=com")));
  }

  @Test
  void searchesUseEveryFilterKind() throws Exception {
    String base = "dc=example,dc=com";
    assertEquals(List.of("cn=Barbara Jensen"), search(base, Scope.SUB, "(cn=babs JENSEN)"));
    assertEquals(List.of("cn=Barbara Jensen"), search(base, Scope.SUB, "(cn=bar*sen)"));
    assertEquals(List.of("cn=Barbara Jensen", "cn=John Smith"), search(base, Scope.SUB, "(objectClass=person)"));
    assertEquals(List.of("cn=Barbara Jensen"), search(base, Scope.SUB, "(name=babs jensen)"));
    assertEquals(List.of("cn=John Smith"), search(base, Scope.SUB, "(&(sn=*)(!(cn=*jensen)))"));
    assertEquals(List.of("cn=John Smith"), search(base, Scope.SUB, "(sn~=smyth)"));
    assertEquals(List.of(), search(base, Scope.SUB, "(|(nosuchattr=x)(cn=nobody))"));
    assertEquals(List.of("cn=Barbara Jensen", "cn=John Smith"), search("ou=people," + base, Scope.ONE, "(objectClass=*)"));
    assertEquals(List.of("ou=people"), search("ou=people," + base, Scope.BASE, "(objectClass=*)"));
    assertEquals(List.of("cn=Barbara Jensen", "cn=John Smith", "ou=people"), search(base, Scope.CHILDREN, "(objectClass=*)"));
    assertEquals(List.of("cn=Barbara Jensen"), search(base, Scope.SUB, "(cn:caseExactMatch:=Babs Jensen)"));
  }

  @Test
  void fewCandidatesAreToldFromTheCountsOfEqualityKeys() throws Exception {
    assertTrue(fewCandidates("(cn=BABS jensen)", 1));
    assertTrue(fewCandidates("(cn=nobody)", 0));
    assertFalse(fewCandidates("(objectClass=person)", 1));
    assertTrue(fewCandidates("(objectClass=person)", 2));
    assertTrue(fewCandidates("(&(objectClass=person)(sn=smith))", 1), "an AND is bounded by its most selective child");
    assertFalse(fewCandidates("(|(cn=babs jensen)(cn=john smith))", 1), "an OR by the sum of its children");
    assertTrue(fewCandidates("(|(cn=babs jensen)(cn=john smith))", 2));
    assertTrue(fewCandidates("(x-made-up=1)", 0), "an Undefined filter has no candidates");
    // Unindexed, not indexed for equality, negated, or matching everything: no bound.
    assertFalse(fewCandidates("(description=x)", 1000));
    assertFalse(fewCandidates("(cn=bar*)", 1000));
    assertFalse(fewCandidates("(!(cn=babs jensen))", 1000));
    assertFalse(fewCandidates("(&(objectClass=*)(description=x))", 1000));
  }

  private boolean fewCandidates(String filter, long limit) throws Exception {
    return store.fewCandidates(FilterParser.parse(filter), limit);
  }

  @Test
  void resultsShowTheStoredSpellingOfTheBaseWhateverTheRequestSpelled() throws Exception {
    String stored = "cn=Barbara Jensen,ou=people,dc=example,dc=com";
    for (String spelled : List.of(stored, "CN=barbara   jensen, OU=People,dc=EXAMPLE,dc=com")) {
      try (SearchCursor c = store.search(SearchSpec.builder(new Dn(schema, spelled)).scope(Scope.BASE)
          .filter(FilterParser.parse("(objectClass=*)")).build())) {
        Dn dn = c.next().getDn();
        assertEquals(stored, dn.getName(), spelled);
        assertEquals(new Dn(schema, stored).getNormName(), dn.getNormName(), spelled);
        assertTrue(dn.isSchemaAware(), spelled);
      }
    }
  }

  @Test
  void undefinedAndFalseFollowRfc4511() throws Exception {
    String base = "dc=example,dc=com";
    // An unknown numeric OID is a valid assertion that no class equals: FALSE, so NOT is TRUE.
    assertEquals(List.of("cn=Barbara Jensen", "cn=John Smith", "dc=example", "ou=people"),
        search(base, Scope.SUB, "(!(objectClass=1.2.3.4.5.6))"));
    // An unknown attribute or descriptor is Undefined, and NOT keeps it Undefined.
    assertEquals(List.of(), search(base, Scope.SUB, "(!(objectClass=noSuchClassName))"));
    assertEquals(List.of(), search(base, Scope.SUB, "(!(x-made-up:caseExactMatch:=Jones))"));
  }

  @Test
  void limitsEndTheSearchWithTheirResultCodes() throws Exception {
    SearchSpec.Builder persons = SearchSpec.builder(new Dn("dc=example,dc=com"))
        .filter(FilterParser.parse("(objectClass=person)"));
    try (SearchCursor c = store.search(persons.sizeLimit(1).build())) {
      assertNotNull(c.next());
      assertEquals(ResultCodeEnum.SIZE_LIMIT_EXCEEDED, assertThrows(LdapOperationException.class, c::next).getResultCode());
    }
    try (SearchCursor c = store.search(persons.sizeLimit(0).cancelled(() -> true).build())) {
      assertEquals(ResultCodeEnum.CANCELED, assertThrows(LdapOperationException.class, c::next).getResultCode());
    }
    try (SearchCursor c = store.search(persons.cancelled(() -> false).timeLimit(Duration.ofMillis(1)).build())) {
      Thread.sleep(20);
      assertEquals(ResultCodeEnum.TIME_LIMIT_EXCEEDED, assertThrows(LdapOperationException.class, c::next).getResultCode());
    }
  }

  @Test
  void attributesLeftUndecodedAreMissingFromResultsButStillMatchFilters() throws Exception {
    SearchSpec withoutSn = SearchSpec.builder(new Dn("dc=example,dc=com")).filter(FilterParser.parse("(sn=smith)"))
        .decoded(type -> !type.getName().equals("sn")).build();
    try (SearchCursor c = store.search(withoutSn)) {
      Entry smith = c.next();
      assertEquals("cn=John Smith", smith.getDn().getRdn().getName());
      assertNull(smith.get("sn"));
      assertTrue(smith.contains("cn", "John Smith"));
      assertNull(c.next());
    }
  }

  @Test
  void aCursorSeesCommittedChangesReadCommitted() throws Exception {
    try (SearchCursor c = store.search(SearchSpec.builder(new Dn("dc=example,dc=com")).build())) {
      store.delete(new Dn("cn=John Smith,ou=people,dc=example,dc=com"));
      List<String> seen = new ArrayList<>();
      for (Entry e = c.next(); e != null; e = c.next()) {
        seen.add(e.getDn().getRdn().getName());
      }
      assertFalse(seen.contains("cn=John Smith"), seen.toString());
      assertEquals(3, seen.size());
    }
  }

  @Test
  void missingBaseGivesNoSuchObjectWithMatchedDn() throws Exception {
    LdapNoSuchObjectException e = assertThrows(LdapNoSuchObjectException.class,
        () -> search("cn=nobody,ou=people,dc=example,dc=com", Scope.SUB, "(objectClass=*)"));
    assertEquals("ou=people,dc=example,dc=com", e.getResolvedDn().getName());
    LdapNoSuchObjectException deeper = assertThrows(LdapNoSuchObjectException.class,
        () -> search("cn=nobody,ou=nowhere,ou=people,dc=example,dc=com", Scope.SUB, "(objectClass=*)"));
    assertEquals("ou=people,dc=example,dc=com", deeper.getResolvedDn().getName());
    LdapNoSuchObjectException below = assertThrows(LdapNoSuchObjectException.class,
        () -> search("cn=nobody,ou=nowhere,dc=example,dc=com", Scope.SUB, "(objectClass=*)"));
    assertEquals("dc=example,dc=com", below.getResolvedDn().getName());
  }

  @Test
  void aPreparedStartIsMadeForFewCandidatesAndTheSearchGoesOnFromIt() throws Exception {
    Dn people = new Dn(schema, "ou=people,dc=example,dc=com");
    assertTrue(store.prepare(people, Scope.SUB, FilterParser.parse("(objectClass=person)"), 1).isEmpty(),
        "two candidates are more than one");
    SearchStart start = store.prepare(people, Scope.SUB, FilterParser.parse("(cn=babs jensen)"), 1).orElseThrow();
    store.delete(new Dn("cn=Barbara Jensen,ou=people,dc=example,dc=com"));
    add("dn: cn=Babs Jensen,ou=people,dc=example,dc=com", "objectClass: person", "cn: Babs Jensen", "sn: Jensen");
    assertEquals(List.of(), rdns(prepared(people, Scope.SUB, start)),
        "as of the start: its one candidate is gone, and the entry added since is not one");
    assertEquals(List.of("cn=Babs Jensen"), rdns(prepared(people, Scope.SUB, null)));
    SearchStart another = store.prepare(people, Scope.SUB, FilterParser.parse("(cn=babs jensen)"), 1).orElseThrow();
    assertEquals(List.of(), rdns(prepared(people.getParent(), Scope.BASE, another)),
        "a start made for another base and scope is not used");
    assertThrows(LdapNoSuchObjectException.class, () -> store.prepare(new Dn(schema, "ou=gone,dc=example,dc=com"),
        Scope.SUB, FilterParser.parse("(cn=babs jensen)"), 1));
  }

  private static SearchSpec prepared(Dn base, Scope scope, SearchStart start) throws Exception {
    return SearchSpec.builder(base).scope(scope).filter(FilterParser.parse("(cn=babs jensen)")).prepared(start).build();
  }

  @Test
  void updatesKeepTheirRules() throws Exception {
    assertThrows(LdapEntryAlreadyExistsException.class,
        () -> add("dn: ou=People,dc=example,dc=com", "objectClass: organizationalUnit", "ou: People"));
    assertThrows(LdapNoSuchObjectException.class,
        () -> add("dn: cn=x,ou=nowhere,dc=example,dc=com", "objectClass: person", "cn: x", "sn: x"));
    assertThrows(LdapContextNotEmptyException.class, () -> store.delete(new Dn("ou=people,dc=example,dc=com")));
    assertThrows(LdapUnwillingToPerformException.class, () -> store.moveAndRename(
        new Dn("ou=people,dc=example,dc=com"), new Dn("cn=John Smith,ou=people,dc=example,dc=com"), null, false));
    assertEquals(List.of(), store.verify());
  }

  @Test
  void modifyReindexesExactlyWhatChanged() throws Exception {
    Dn john = new Dn("cn=John Smith,ou=people,dc=example,dc=com");
    store.modify(john, List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, "sn", "Smyth"),
        new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "cn", "Johnny")));
    assertEquals(List.of("cn=John Smith"), search("dc=example,dc=com", Scope.SUB, "(sn=smyth)"));
    assertEquals(List.of(), search("dc=example,dc=com", Scope.SUB, "(sn=smith)"));
    assertEquals(List.of("cn=John Smith"), search("dc=example,dc=com", Scope.SUB, "(cn=johnny)"));
    assertThrows(LdapException.class, () -> store.modify(john,
        List.of(new DefaultModification(ModificationOperation.ADD_ATTRIBUTE, "cn", "johnny"))));
    assertEquals(List.of(), store.verify());
  }

  @Test
  void subtreeMoveTouchesOnlyTheMovedEntry() throws Exception {
    add("dn: ou=staff,dc=example,dc=com", "objectClass: organizationalUnit", "ou: staff");
    store.moveAndRename(new Dn("ou=people,dc=example,dc=com"), new Dn("ou=staff,dc=example,dc=com"),
        new Rdn("ou=humans"), true);
    assertNotNull(store.lookup(new Dn("cn=John Smith,ou=humans,ou=staff,dc=example,dc=com")));
    assertEquals(new Subordinates(1, 4), store.subordinates(new Dn("ou=staff,dc=example,dc=com")));
    assertEquals(new Subordinates(1, 5), store.subordinates(new Dn("dc=example,dc=com")));
    Entry moved = store.lookup(new Dn("ou=humans,ou=staff,dc=example,dc=com"));
    assertTrue(moved.contains("ou", "humans"));
    assertFalse(moved.contains("ou", "people"));
    assertEquals(List.of(), store.verify());
  }

  /** The results' full DNs, as the store names them; their normalized forms are checked against a fresh parse. */
  private List<String> resultDns(String base, String filter) throws Exception {
    List<String> dns = new ArrayList<>();
    try (SearchCursor c = store.search(SearchSpec.builder(new Dn(base)).scope(Scope.SUB)
        .filter(FilterParser.parse(filter)).build())) {
      for (Entry e = c.next(); e != null; e = c.next()) {
        assertEquals(new Dn(schema, e.getDn().getName()).getNormName(), e.getDn().getNormName());
        dns.add(e.getDn().getName());
      }
    }
    return dns;
  }

  @Test
  void resultsNameTheirParentAsItIsNamedNowAfterARenameOrMove() throws Exception {
    String smith = "(cn=John Smith)";
    // The parent's DN is remembered by the first searches...
    assertEquals(List.of("cn=John Smith,ou=people,dc=example,dc=com"), resultDns("dc=example,dc=com", smith));
    store.moveAndRename(new Dn("ou=people,dc=example,dc=com"), new Dn("dc=example,dc=com"), new Rdn("ou=Humans"), true);
    // ...and must not name a result once the parent is renamed,
    assertEquals(List.of("cn=John Smith,ou=Humans,dc=example,dc=com"), resultDns("dc=example,dc=com", smith));
    // the base named as stored, whatever the request spelled,
    assertEquals(List.of("cn=John Smith,ou=Humans,dc=example,dc=com"),
        resultDns("cn=john smith,ou=HUMANS,dc=example,dc=com", smith));
    add("dn: ou=staff,dc=example,dc=com", "objectClass: organizationalUnit", "ou: staff");
    store.moveAndRename(new Dn("ou=humans,dc=example,dc=com"), new Dn("ou=staff,dc=example,dc=com"),
        new Rdn("ou=Humans"), true);
    // moved,
    assertEquals(List.of("cn=John Smith,ou=Humans,ou=staff,dc=example,dc=com"),
        resultDns("dc=example,dc=com", smith));
    store.delete(new Dn("cn=John Smith,ou=humans,ou=staff,dc=example,dc=com"));
    store.delete(new Dn("cn=Barbara Jensen,ou=humans,ou=staff,dc=example,dc=com"));
    store.delete(new Dn("ou=humans,ou=staff,dc=example,dc=com"));
    add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
    add("dn: cn=John Smith,ou=people,dc=example,dc=com", "objectClass: person", "cn: John Smith", "sn: Smith");
    // or deleted and added again.
    assertEquals(List.of("cn=John Smith,ou=people,dc=example,dc=com"),
        resultDns("dc=example,dc=com", smith));
  }

  @Test
  void theSuffixEntryCanBeDeletedOnceItIsALeaf() throws Exception {
    store.delete(new Dn("cn=Barbara Jensen,ou=people,dc=example,dc=com"));
    store.delete(new Dn("cn=John Smith,ou=people,dc=example,dc=com"));
    store.delete(new Dn("ou=people,dc=example,dc=com"));
    store.delete(new Dn("dc=example,dc=com"));
    assertFalse(store.exists(new Dn("dc=example,dc=com")));
    assertEquals(List.of(), store.verify());
    add("dn: dc=example,dc=com", "objectClass: domain", "dc: example");
    assertTrue(store.exists(new Dn("dc=example,dc=com")));
  }

  @Test
  void rdnsTooLongForADupRecordStillWork() throws Exception {
    String longCn = "x".repeat(700);
    add("dn: cn=" + longCn + ",ou=people,dc=example,dc=com", "objectClass: person", "cn: " + longCn, "sn: long");
    assertNotNull(store.lookup(new Dn("cn=" + longCn.toUpperCase() + ",ou=people,dc=example,dc=com")));
    assertEquals(List.of("cn=" + longCn), search("dc=example,dc=com", Scope.SUB, "(sn=long)"));
    store.moveAndRename(new Dn("cn=" + longCn + ",ou=people,dc=example,dc=com"), null, new Rdn("cn=short"), true);
    assertNotNull(store.lookup(new Dn("cn=short,ou=people,dc=example,dc=com")));
    assertEquals(List.of(), store.verify());
  }

  @Test
  void reopeningWithOtherIndicesIsDetected() throws Exception {
    store.close();
    store = open(IndexConfig.builder().add("objectClass", "eq").build());
    assertTrue(store.reindexNeeded());
    assertEquals(List.of("cn=John Smith"), search("dc=example,dc=com", Scope.SUB, "(sn=smith)"));
  }

  @Test
  void aFullDatabaseRefusesWritesAndKeepsServingReads() throws Exception {
    store.close();
    store = MdbStore.open(StoreConfig.builder(dir, "dc=example,dc=com").durable(false)
        .initialMapSize(1 << 20).maxSize(2 << 20).build(), schema);
    DatabaseFullException full = assertThrows(DatabaseFullException.class, () -> {
      for (int i = 0; ; i++) {
        add("dn: cn=filler" + i + ",dc=example,dc=com", "objectClass: person", "cn: filler" + i,
            "sn: " + "y".repeat(2000));
      }
    });
    assertTrue(full.getMessage().contains("maxsize"), full.getMessage());
    assertNotNull(store.lookup(new Dn("cn=John Smith,ou=people,dc=example,dc=com")));
    assertEquals(List.of(), store.verify());
    store.setMaxSize(64 << 20);
    add("dn: cn=after,dc=example,dc=com", "objectClass: person", "cn: after", "sn: after");
  }
}
