package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Generated;
import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** add, then cat, gives back the entries: DNs, attributes and values. */
class RoundTripTest {
  @TempDir Path dir;

  @Test
  void generatedEntriesInAnyOrderComeBack() throws Exception {
    String input = Generated.ldif(1_500, 42);
    Path ldif = Ldif.write(dir, "generated.ldif", input);
    TestDatabase db = TestDatabase.in(dir.resolve("a"));
    TestDatabase.Result added = db.run("add", "-l", ldif.toString(), "--batch-size", "200");
    assertEquals(0, added.exit(), added.err());
    assertTrue(added.err().contains("add: 1,546 entries added to dc=example,dc=com"), added.err());

    String exported = db.cat();
    Ldif.assertSameEntries(Ldif.parse(input), Ldif.parse(exported), Ldif.GENERATED);
    assertExportReloadsIdentically(exported, "b");
  }

  @Test
  void trickyHandWrittenLdifComesBack() throws Exception {
    String input;
    try (InputStream in = getClass().getResourceAsStream("/tricky.ldif")) {
      input = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path ldif = Ldif.write(dir, "tricky.ldif", input);
    TestDatabase db = TestDatabase.in(dir.resolve("a"));
    TestDatabase.Result added = db.run("add", "-l", ldif.toString());
    assertEquals(0, added.exit(), added.err());

    String exported = db.cat();
    Ldif.assertSameEntries(Ldif.parse(input), Ldif.parse(exported), Ldif.GENERATED);
    assertTrue(exported.contains("dn: cn=Smith\\, John+uid=jsmith,ou=people,dc=example,dc=com\n"), exported);
    assertTrue(exported.contains("userCertificate;binary:: "), exported);
    assertTrue(exported.contains("description;lang-fr:: "), "non-ASCII text is base64-encoded: " + exported);
    assertExportReloadsIdentically(exported, "b");
  }

  @Test
  void slapcatStyleInputKeepsItsOperationalAttributes() throws Exception {
    String input = "dn: dc=example,dc=com\nobjectClass: top\nobjectClass: domain\ndc: example\n"
        + "structuralObjectClass: domain\nentryUUID: 5f0c7b2e-2bb6-103e-8b7a-5b3b2f1c9a01\n"
        + "creatorsName: cn=admin,dc=example,dc=com\ncreateTimestamp: 20230101000000Z\n"
        + "entryCSN: 20230101000000.123456Z#000000#000#000000\nmodifiersName: cn=admin,dc=example,dc=com\n"
        + "modifyTimestamp: 20230101000000Z\ncontextCSN: 20230101000000.123456Z#000000#000#000000\n\n";
    TestDatabase db = TestDatabase.in(dir.resolve("a"));
    TestDatabase.Result added = db.run("add", "-l", Ldif.write(dir, "in.ldif", input).toString());
    assertEquals(0, added.exit(), added.err());
    Ldif.assertSameEntries(Ldif.parse(input), Ldif.parse(db.cat()), Set.of());
  }

  @Test
  void catSelectsBySubtreeAndFilterAndWritesAFile() throws Exception {
    TestDatabase db = TestDatabase.in(dir.resolve("a"));
    db.run("add", "-l", Ldif.write(dir, "g.ldif", Generated.ldif(300, 7)).toString());
    String unit = db.cat("-s", "ou=unit1,dc=example,dc=com");
    assertEquals(1 + 100, Ldif.parse(unit).size());
    String filtered = db.cat("-a", "(&(objectClass=inetOrgPerson)(uid=user1*))");
    assertEquals(111, Ldif.parse(filtered).size(), "user1, user10-19, user100-199");
    Path out = dir.resolve("out.ldif");
    TestDatabase.Result toFile = db.run("cat", "-l", out.toString());
    assertEquals(0, toFile.exit());
    assertEquals("", toFile.out());
    assertEquals(db.cat(), Files.readString(out));
  }

  /** Loading an export into a new database and exporting again gives the same text, operational attributes included. */
  private void assertExportReloadsIdentically(String exported, String name) throws Exception {
    TestDatabase again = TestDatabase.in(dir.resolve(name));
    TestDatabase.Result reloaded = again.run("add", "-l", Ldif.write(dir, name + ".ldif", exported).toString());
    assertEquals(0, reloaded.exit(), reloaded.err());
    assertEquals(exported, again.cat());
  }
}
