package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Generated;
import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input: each problem is reported with the file, line and DN, the exit status is 1, and
 * without -c the database is exactly as it was, even when the problem shows only after several
 * batches were written.
 */
class BadInputTest {
  private static final String PEOPLE = "ou=people,dc=example,dc=com";

  @TempDir Path dir;
  private TestDatabase db;
  private String before;

  /** A database with some entries already, and 40 good entries to load after them in the bad files. */
  @BeforeEach
  void populate() throws Exception {
    db = TestDatabase.in(dir);
    String base = "dn: dc=example,dc=com\nobjectClass: domain\ndc: example\n\n"
        + "dn: " + PEOPLE + "\nobjectClass: organizationalUnit\nou: people\n\n"
        + person("existing");
    assertEquals(0, db.run("add", "-l", Ldif.write(dir, "base.ldif", base).toString()).exit());
    before = db.cat();
  }

  private static String person(String uid) {
    return "dn: uid=" + uid + "," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: " + uid + "\ncn: " + uid + "\nsn: S\n\n";
  }

  /** 40 good entries (6 lines each), then the bad record starting at line 241, then 5 good entries. */
  private static String withBadRecord(String bad) {
    StringBuilder ldif = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      ldif.append(person("good" + i));
    }
    ldif.append(bad);
    for (int i = 40; i < 45; i++) {
      ldif.append(person("good" + i));
    }
    return ldif.toString();
  }

  record Case(String name, String record, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    return List.of(
        new Case("invalid DN", "dn: uid=bad,,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\n\n",
            ":241: invalid DN \"uid=bad,,ou=people,dc=example,dc=com\""),
        new Case("missing parent", "dn: uid=orphan,ou=nowhere,dc=example,dc=com\nobjectClass: inetOrgPerson\n"
            + "uid: orphan\ncn: o\nsn: o\n\n",
            ":241: entry \"uid=orphan,ou=nowhere,dc=example,dc=com\": its parent \"ou=nowhere,dc=example,dc=com\" "
                + "does not exist, neither in the database nor anywhere in the input"),
        new Case("schema violation", "dn: uid=noSn," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: noSn\ncn: x\n\n",
            ":241: entry \"uid=noSn,ou=people,dc=example,dc=com\": attribute \"sn\" is required by object class \"person\""),
        new Case("duplicate DN in the input", person("good3"),
            ":241: entry \"uid=good3,ou=people,dc=example,dc=com\": an entry with this DN already exists"),
        new Case("DN already in the database", person("existing"),
            ":241: entry \"uid=existing,ou=people,dc=example,dc=com\": an entry with this DN already exists"),
        new Case("invalid base64", "dn: uid=b64," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: b64\ncn: x\nsn: y\n"
            + "description:: ###\n\n",
            ":246: entry \"uid=b64,ou=people,dc=example,dc=com\": attribute \"description\": invalid base64"),
        new Case("outside the suffix", "dn: cn=x,dc=elsewhere,dc=org\nobjectClass: person\ncn: x\nsn: y\n\n",
            ":241: entry \"cn=x,dc=elsewhere,dc=org\": not within the database's suffix"),
        new Case("change record", "dn: uid=good1," + PEOPLE + "\nchangetype: modify\nreplace: sn\nsn: T\n-\n\n",
            ":242: entry \"uid=good1,ou=people,dc=example,dc=com\": change records"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutContinueNothingChanges(Case c) throws Exception {
    Path ldif = Ldif.write(dir, "bad.ldif", withBadRecord(c.record()));
    TestDatabase.Result r = db.run("add", "-l", ldif.toString(), "--batch-size", "8");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(ldif + c.expected()), r.err());
    assertTrue(r.err().contains("nothing was added, dc=example,dc=com is as it was"), r.err());
    assertEquals(before, db.cat(), "the database is untouched");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withContinueTheOtherEntriesAreLoaded(Case c) throws Exception {
    Path ldif = Ldif.write(dir, "bad.ldif", withBadRecord(c.record()));
    TestDatabase.Result r = db.run("add", "-c", "-l", ldif.toString(), "--batch-size", "8");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(ldif + c.expected()), r.err());
    assertTrue(r.err().contains("add: 45 entries added to dc=example,dc=com"), r.err());
    assertTrue(r.err().contains("; 1 rejected"), r.err());
    assertEquals(3 + 45, Ldif.parse(db.cat()).size());
  }

  @Test
  void quickModeTakesBackWhatItWroteToo() throws Exception {
    Path ldif = Ldif.write(dir, "dup.ldif", withBadRecord(person("good0")));
    TestDatabase.Result r = db.run("add", "-q", "-l", ldif.toString(), "--batch-size", "8");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(ldif + ":241: entry \"uid=good0,ou=people,dc=example,dc=com\": an entry with this DN"),
        r.err());
    assertEquals(before, db.cat());
  }

  @Test
  void aTruncatedFileIsReportedAndChangesNothing() throws Exception {
    String whole = withBadRecord("");
    String cut = whole.substring(0, whole.indexOf("sn: S", whole.indexOf("uid=good30,")) - 2);
    Path ldif = Ldif.write(dir, "cut.ldif", cut);
    TestDatabase.Result r = db.run("add", "-l", ldif.toString(), "--batch-size", "8");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains(ldif + ":181: entry \"uid=good30,ou=people,dc=example,dc=com\": attribute \"sn\" is "
        + "required by object class \"person\" but missing"), r.err());
    assertEquals(before, db.cat());
  }

  @Test
  void aFailedLoadIntoANewDatabaseLeavesNoDatabase() throws Exception {
    TestDatabase fresh = TestDatabase.in(dir.resolve("fresh"));
    Path ldif = Ldif.write(dir, "g.ldif", Generated.ldif(100, 3) + person("orphan-in-wrong-place").replace(PEOPLE, "ou=gone,dc=example,dc=com"));
    TestDatabase.Result r = fresh.run("add", "-q", "-l", ldif.toString());
    assertEquals(1, r.exit(), r.err());
    assertFalse(Files.exists(fresh.directory()), "the database directory this load created is gone");
  }

  @Test
  void severalProblemsAreEachReportedWithContinue() throws Exception {
    String ldif = withBadRecord("dn: uid=a," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: a\ncn: a\n\n"
        + "dn: uid=b," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: b\ncn: b\nsn: b\nnoSuchAttr: 1\n\n");
    TestDatabase.Result r = db.run("add", "-c", "-l", Ldif.write(dir, "two.ldif", ldif).toString());
    assertTrue(r.err().contains("two.ldif:241: entry \"uid=a,"), r.err());
    assertTrue(r.err().contains("two.ldif:251: entry \"uid=b,"), r.err());
    assertTrue(r.err().contains("; 2 rejected"), r.err());
  }

  @Test
  void aDryRunChecksButStoresNothing() throws Exception {
    Path ldif = Ldif.write(dir, "bad.ldif", withBadRecord("dn: uid=x," + PEOPLE + "\nobjectClass: inetOrgPerson\nuid: x\n\n"));
    TestDatabase.Result r = db.run("add", "-u", "-l", ldif.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("bad.ldif:241: entry \"uid=x,ou=people,dc=example,dc=com\": attribute \"sn\" is required"), r.err());
    assertEquals(before, db.cat());
    TestDatabase.Result good = db.run("add", "-u", "-l", Ldif.write(dir, "good.ldif", withBadRecord("")).toString());
    assertEquals(0, good.exit(), good.err());
    assertTrue(good.err().contains("dry run: 45 entries checked, 0 with problems"), good.err());
    assertEquals(before, db.cat());
  }
}
