package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mdbldap.ldif.Generated;
import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability with OpenLDAP's own tools (Debian package slapd): slapcat's output loads into
 * ours and comes back unchanged, operational attributes included; our export loads into slapadd
 * and slapcat gives it back (plus the structuralObjectClass slapadd computes).
 */
class InteropTest {
  private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
  private static final Path SLAPCAT = Path.of("/usr/sbin/slapcat");
  private static final Path BACK_MDB = Path.of("/usr/lib/ldap/back_mdb.so");

  @TempDir Path dir;
  private Path openldapConfig;
  private String input;

  @BeforeAll
  static void requireOpenLdap() {
    assumeTrue(Files.isExecutable(SLAPADD) && Files.isExecutable(SLAPCAT),
        "OpenLDAP's slapadd and slapcat are not installed (apt-get install slapd): interop tests skipped");
  }

  @BeforeEach
  void setUp() throws Exception {
    Path db = Files.createDirectories(dir.resolve("openldap"));
    StringBuilder conf = new StringBuilder();
    for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
      conf.append("include ").append(TestDatabase.SCHEMA.resolve(schema + ".schema")).append('\n');
    }
    if (Files.exists(BACK_MDB)) {
      conf.append("modulepath ").append(BACK_MDB.getParent()).append("\nmoduleload back_mdb\n");
    }
    conf.append("database mdb\nsuffix \"").append(TestDatabase.SUFFIX).append("\"\nrootdn \"")
        .append(TestDatabase.ROOT_DN).append("\"\ndirectory ").append(db).append("\nmaxsize 1073741824\n")
        .append("index objectClass eq\n");
    openldapConfig = Ldif.write(dir, "openldap.conf", conf.toString());
    input = trickyForSlapd() + Generated.ldif(300, 5, false);
  }

  /**
   * The hand-written tricky LDIF, less two things slapadd does not read: the version line, and a
   * fold inside an attribute name (RFC 2849 allows it; slapd's parser does not unfold there).
   */
  private static String trickyForSlapd() throws IOException {
    try (InputStream in = InteropTest.class.getResourceAsStream("/tricky.ldif")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("version: 1\n", "")
          .replace("descr\n iption:\n  starts after a fold\n", "") + "\n";
    }
  }

  @Test
  void slapcatOutputLoadsIntoOursAndComesBackUnchanged() throws Exception {
    run(SLAPADD.toString(), "-q", "-f", openldapConfig.toString(), "-l", Ldif.write(dir, "in.ldif", input).toString());
    Path slapcat = dir.resolve("slapcat.ldif");
    run(SLAPCAT.toString(), "-f", openldapConfig.toString(), "-l", slapcat.toString());

    TestDatabase ours = TestDatabase.in(dir.resolve("ours"));
    TestDatabase.Result added = ours.run("add", "-l", slapcat.toString());
    assertEquals(0, added.exit(), added.err());
    Ldif.assertSameEntries(Ldif.parse(slapcat), Ldif.parse(ours.cat()), Set.of());
  }

  @Test
  void ourExportLoadsIntoSlapaddAndComesBackUnchanged() throws Exception {
    TestDatabase ours = TestDatabase.in(dir.resolve("ours"));
    TestDatabase.Result added = ours.run("add", "-l", Ldif.write(dir, "in.ldif", input).toString());
    assertEquals(0, added.exit(), added.err());
    String exported = ours.cat();

    run(SLAPADD.toString(), "-f", openldapConfig.toString(), "-l", Ldif.write(dir, "ours.ldif", exported).toString());
    Path slapcat = dir.resolve("slapcat.ldif");
    run(SLAPCAT.toString(), "-f", openldapConfig.toString(), "-l", slapcat.toString());
    Ldif.assertSameEntries(Ldif.parse(exported), Ldif.parse(slapcat), Set.of("structuralobjectclass"));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish");
    }
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + output);
  }
}
