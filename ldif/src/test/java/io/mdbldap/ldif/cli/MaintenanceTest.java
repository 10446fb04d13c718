package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.Generated;
import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.ldif.TestDatabase;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** index, copy, stat and test: the tools around a loaded database. */
class MaintenanceTest {
  @TempDir Path dir;
  private TestDatabase db;

  @BeforeEach
  void load() throws Exception {
    db = TestDatabase.in(dir, List.of("objectClass eq", "uid eq"));
    TestDatabase.Result r = db.run("add", "-q", "-l", Ldif.write(dir, "g.ldif", Generated.ldif(400, 11)).toString());
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void aChangedIndexConfigurationIsReportedUntilReindexed() throws Exception {
    TestDatabase changed = db.withIndices(List.of("objectClass eq", "uid eq", "mail eq,sub"));
    TestDatabase.Result test = changed.run("test");
    assertEquals(1, test.exit(), test.err());
    assertTrue(test.err().contains("database dc=example,dc=com: its indices were built with another index "
        + "configuration; run \"mdbldap index -f " + changed.config() + " -b dc=example,dc=com\""), test.err());
    assertTrue(changed.run("stat").out().contains("differs from the configuration: run mdbldap index"));

    TestDatabase.Result index = changed.run("index", "mail");
    assertEquals(0, index.exit(), index.err());
    assertTrue(index.err().contains("index: rebuilt the indices of mail of dc=example,dc=com (413 entries)"), index.err());
    assertEquals(0, changed.run("test").exit());
    assertEquals(111, searchCount(changed, "(mail=alias1*)"), "alias1, alias10-19, alias100-199");
  }

  @Test
  void indexRebuildsEverythingWithoutArguments() throws Exception {
    TestDatabase.Result index = db.run("index");
    assertEquals(0, index.exit(), index.err());
    assertFalse(index.err().contains("still differ"), index.err());
    assertEquals(400, searchCount(db, "(objectClass=inetOrgPerson)"));
  }

  @Test
  void indexRefusesAnAttributeWithoutAnIndex() {
    TestDatabase.Result r = db.run("index", "sn");
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("index sn: no index is configured for this attribute"), r.err());
  }

  @Test
  void copiesAndCompactsToAnotherUsableDatabase() throws Exception {
    String original = db.cat();
    for (String flag : List.of("", "--compact")) {
      Path copy = dir.resolve("copy" + flag);
      TestDatabase.Result r = flag.isEmpty() ? db.run("copy", copy.toString()) : db.run("copy", copy.toString(), flag);
      assertEquals(0, r.exit(), r.err());
      assertTrue(Files.exists(copy.resolve("data.mdb")));
      TestDatabase restored = TestDatabase.in(dir.resolve("restored" + flag), List.of("objectClass eq", "uid eq"));
      Files.move(copy, restored.directory());
      assertEquals(original, restored.cat());
    }
    TestDatabase.Result again = db.run("copy", dir.resolve("restored").toString());
    assertEquals(1, again.exit(), "the destination must be new or empty");
  }

  @Test
  void statShowsTheShapeOfTheDatabase() {
    TestDatabase.Result r = db.run("stat");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("entries      413 (next ID 414)"), r.out());
    assertTrue(r.out().contains("readers      "), r.out());
    assertTrue(r.out().contains("id2entry"), r.out());
    assertTrue(r.out().contains("index.uid"), r.out());
  }

  @Test
  void testReportsConfigurationErrorsAsFileAndLine() throws Exception {
    Path broken = Ldif.write(dir, "broken.conf", Files.readString(db.config()) + "index noSuchAttribute eq\n");
    TestDatabase.Result r = TestDatabase.Result.of("test", "-f", broken.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().startsWith(broken + ":"), r.err());
    assertTrue(r.err().contains("attribute \"noSuchAttribute\" undefined"), r.err());
    assertEquals("config file testing succeeded\n", db.run("test").err());
  }

  @Test
  void toolsOnADatabaseThatDoesNotExistSaySo() throws Exception {
    TestDatabase none = TestDatabase.in(dir.resolve("none"));
    assertTrue(none.run("stat").err().contains("holds no database yet"));
    assertTrue(none.run("copy", dir.resolve("x").toString()).err().contains("holds no database yet"));
    assertEquals("", none.cat(), "an empty export");
    assertEquals(0, none.run("test").exit());
  }

  @Test
  void usageErrorsExitWithTwoAndOtherDatabasesAreChosenWithB() {
    assertEquals(2, db.run("add", "--no-such-option").exit());
    assertEquals(2, TestDatabase.Result.of("add").exit(), "-f is required");
    assertEquals(2, TestDatabase.Result.of().exit(), "a command is required");
    TestDatabase.Result other = db.run("cat", "-b", "dc=other,dc=org");
    assertEquals(1, other.exit());
    assertTrue(other.err().contains("no database holds this DN; the suffixes are \"dc=example,dc=com\""), other.err());
    assertEquals(db.cat(), db.cat("-b", "ou=unit1,dc=example,dc=com"), "a DN below the suffix chooses its database");
    assertTrue(db.run("cat", "-a", "(broken").err().contains("invalid filter"));
  }

  private static long searchCount(TestDatabase db, String filter) throws Exception {
    ServerConfig conf = db.parse();
    DatabaseConfig database = conf.databases().get(0);
    long n = 0;
    try (MdbStore store = MdbStore.open(StoreConfigs.of(database), conf.schemaManager());
        SearchCursor c = store.search(SearchSpec.builder(database.suffix())
            .filter(FilterParser.parse(conf.schemaManager(), filter)).build())) {
      while (c.next() != null) {
        n++;
      }
    }
    return n;
  }
}
