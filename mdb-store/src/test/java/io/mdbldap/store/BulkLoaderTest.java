package io.mdbldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk loader, reindexing and hot copy: the store's side of the LDIF tools. */
class BulkLoaderTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private static SchemaManager schema;
  @TempDir Path dir;
  private final List<String> rejected = new ArrayList<>();

  @BeforeAll
  static void loadSchema() {
    schema = new DefaultSchemaManager();
  }

  private MdbStore open(Path where, IndexConfig indices) {
    return MdbStore.open(StoreConfig.builder(where, SUFFIX).durable(false).indices(indices).build(), schema);
  }

  private static IndexConfig snIndexed() {
    return IndexConfig.builder().add("objectClass", "eq").add("sn", "eq,sub").build();
  }

  private Entry person(String cn, String parent) throws Exception {
    return new DefaultEntry(schema, "cn=" + cn + "," + parent, "objectClass: person", "cn: " + cn, "sn: " + cn);
  }

  private Entry ou(String ou, String parent) throws Exception {
    return new DefaultEntry(schema, "ou=" + ou + "," + parent, "objectClass: organizationalUnit", "ou: " + ou);
  }

  private BulkLoader loader(MdbStore store) {
    return store.bulkLoader((entry, reason) -> rejected.add(entry.getDn().getName() + ": " + reason.getMessage()), 3);
  }

  /** How many entries under the suffix match {@code filter}. */
  static long count(MdbStore store, String filter) throws Exception {
    long n = 0;
    try (SearchCursor c = store.search(SearchSpec.builder(new Dn(SUFFIX)).filter(FilterParser.parse(filter)).build())) {
      while (c.next() != null) {
        n++;
      }
    }
    return n;
  }

  @Test
  void childrenMayComeBeforeTheirParents() throws Exception {
    try (MdbStore store = open(dir, snIndexed())) {
      BulkLoader load = loader(store);
      load.add(person("deep", "ou=b,ou=a," + SUFFIX));
      load.add(person("x", "ou=a," + SUFFIX));
      load.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
      for (int i = 0; i < 20; i++) {
        load.add(person("p" + i, "ou=b,ou=a," + SUFFIX));
      }
      load.add(ou("a", SUFFIX));
      load.add(ou("b", "ou=a," + SUFFIX));
      load.finish();
      assertEquals(List.of(), rejected);
      assertEquals(25, load.loaded());
      assertEquals(new Subordinates(21, 22), store.subordinates(new Dn("ou=b,ou=a," + SUFFIX)));
      assertEquals(1, count(store, "(sn=deep)"));
      assertEquals(List.of(), store.verify());
    }
  }

  @Test
  void entriesEncodedWhenPreparedReadBackAsThoseTheLoaderEncodes() throws Exception {
    // An entry is encoded as it is prepared only once its attribute descriptions have committed
    // numbers: the first twin, prepared before anything was stored, is encoded by the loader; the
    // second, prepared after the first batches committed, comes encoded.
    try (MdbStore store = open(dir, snIndexed())) {
      BulkLoader load = loader(store);
      Entry first = person("twin", "ou=a," + SUFFIX);
      BulkLoader.Prepared early = load.prepare(first);
      load.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
      load.add(ou("a", SUFFIX));
      load.add(early);
      load.add(ou("b", SUFFIX));
      load.finish();
      Entry second = person("twin", "ou=b," + SUFFIX);
      load.add(load.prepare(second));
      load.finish();
      assertEquals(List.of(), rejected);
      for (Entry given : List.of(first, second)) {
        Entry stored = store.lookup(given.getDn());
        for (Attribute attribute : given) {
          assertEquals(attribute, stored.get(attribute.getAttributeType()), given.getDn().getName());
        }
      }
      assertEquals(2, count(store, "(sn=twin)"));
    }
  }

  @Test
  void orphansAndDuplicatesAreRejectedAndUndoTakesEverythingBack() throws Exception {
    try (MdbStore store = open(dir, snIndexed())) {
      store.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
      store.add(person("before", SUFFIX));
      BulkLoader load = loader(store);
      for (int i = 0; i < 10; i++) {
        load.add(person("p" + i, SUFFIX));
      }
      load.add(person("before", SUFFIX));
      load.add(person("lost", "ou=nowhere," + SUFFIX));
      load.finish();
      assertEquals(2, rejected.size(), rejected.toString());
      assertTrue(rejected.get(0).startsWith("cn=before"), rejected.toString());
      assertTrue(rejected.get(1).startsWith("cn=lost"), rejected.toString());
      assertEquals(12, store.stats().entries());
      load.undo();
      assertEquals(2, store.stats().entries());
      assertEquals(0, count(store, "(sn=p*)"));
      assertTrue(store.exists(new Dn("cn=before," + SUFFIX)));
      assertEquals(List.of(), store.verify());
    }
  }

  @Test
  void reindexBuildsANewlyConfiguredIndex() throws Exception {
    try (MdbStore store = open(dir, IndexConfig.none())) {
      store.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
      for (int i = 0; i < 25; i++) {
        store.add(person("p" + i, SUFFIX));
      }
    }
    try (MdbStore store = open(dir, snIndexed())) {
      assertTrue(store.reindexNeeded());
      assertEquals(1, count(store, "(sn=p7)"));
      assertFalse(store.verify().isEmpty(), "the new indices are empty until rebuilt");
      store.reindex(List.of());
      assertFalse(store.reindexNeeded());
      assertEquals(List.of(), store.verify());
      assertEquals(11, count(store, "(sn=p1*)"));
    }
    try (MdbStore store = open(dir, snIndexed())) {
      assertFalse(store.reindexNeeded());
    }
  }

  @Test
  void aHotCopyOpensAsTheSameDatabase(@TempDir Path copy) throws Exception {
    try (MdbStore store = open(dir, snIndexed())) {
      store.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
      store.add(person("kept", SUFFIX));
      store.copy(copy.resolve("backup"), true);
    }
    try (MdbStore backup = open(copy.resolve("backup"), snIndexed())) {
      assertTrue(backup.exists(new Dn("cn=kept," + SUFFIX)));
      assertEquals(List.of(), backup.verify());
    }
  }

  @Test
  void closingTrimmedCutsAWriteMapFileToItsPagesInUseAndKeepsTheDatabase() throws Exception {
    Path data = dir.resolve("data.mdb");
    MdbStore store = MdbStore.open(StoreConfig.builder(dir, SUFFIX).durable(false).writeMap(true)
        .indices(snIndexed()).build(), schema);
    BulkLoader load = loader(store);
    load.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
    for (int i = 0; i < 600; i++) {
      load.add(person("p" + i, SUFFIX));
    }
    load.finish();
    long used = store.stats().mapUsed();
    // With WRITEMAP, LMDB makes the file as large as the whole map.
    assertTrue(Files.size(data) > used, "file " + Files.size(data) + " bytes, used " + used);
    store.closeTrimmed();
    assertEquals(used, Files.size(data));
    try (MdbStore reopened = open(dir, snIndexed())) {
      assertEquals(600, count(reopened, "(sn=p*)"));
      assertEquals(List.of(), reopened.verify());
      assertEquals(used, reopened.stats().mapUsed());
      reopened.add(person("after", SUFFIX));
      assertEquals(601, count(reopened, "(sn=*)"));
    }
  }
}
