package io.mdbldap.server;

import static io.mdbldap.server.TestServer.ROOT_DN;
import static io.mdbldap.server.TestServer.ROOT_PW;
import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenLDAP's own clients (ldap-utils) against the server: their output and exit codes, as an
 * operator would see them. Skipped, with a message, where ldap-utils is not installed.
 */
class LdapUtilsTest {
  private static final String USER = "uid=bjones,ou=People," + SUFFIX;

  @RegisterExtension
  static final TestServer server = TestServer.perClass();
  /** Where the clients' output goes. */
  @TempDir
  static Path directory;

  @BeforeAll
  static void requireLdapUtils() {
    Assumptions.assumeTrue(onPath("ldapsearch"),
        "ldap-utils is not installed (apt-get install ldap-utils): skipping the OpenLDAP client tests");
  }

  @Test
  void ldapsearchReadsAnonymouslyWithPagesAndSorting() throws Exception {
    Run all = run(null, "ldapsearch", "-x", "-H", server.url(), "-b", SUFFIX);
    assertEquals(0, all.exit, all.err);
    assertTrue(all.out.contains("dn: uid=jdoe,ou=People," + SUFFIX), all.out);
    assertTrue(all.out.contains("# numEntries: 26"), all.out);
    assertTrue(!all.out.contains("userPassword"), "passwords are not shown to anonymous clients");

    Run paged = run(null, "ldapsearch", "-x", "-H", server.url(), "-b", SUFFIX, "-E", "pr=10/noprompt", "1.1");
    assertEquals(0, paged.exit, paged.err);
    assertTrue(paged.out.contains("# numEntries: 26"), paged.out);

    Run sorted = run(null, "ldapsearch", "-x", "-LLL", "-H", server.url(), "-b", SUFFIX, "-E", "sss=uid",
        "(uid=*)", "uid");
    List<String> uids = Arrays.stream(sorted.out.split("\n")).filter(l -> l.startsWith("uid: ")).toList();
    assertEquals(uids.stream().sorted().toList(), uids);
    assertTrue(uids.size() > 10, sorted.out);
  }

  @Test
  void ldapaddLdapmodifyLdapmodrdnAndLdapdeleteAsTheRootDn() throws Exception {
    String dn = "cn=utils,ou=Groups," + SUFFIX;
    Run anonymous = run("dn: " + dn + "\nobjectClass: groupOfNames\ncn: utils\nmember: " + USER + "\n",
        "ldapadd", "-x", "-H", server.url());
    assertEquals(8, anonymous.exit, "strongerAuthRequired for anonymous updates: " + anonymous.err);
    assertTrue(anonymous.err.contains("additional info: modifications require authentication\n"), anonymous.err);

    Run add = run("dn: " + dn + "\nobjectClass: groupOfNames\ncn: utils\nmember: " + USER + "\n",
        "ldapadd", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW);
    assertEquals(0, add.exit, add.err);
    assertTrue(add.out.contains("adding new entry \"" + dn + "\""), add.out);

    Run modify = run("dn: " + dn + "\nchangetype: modify\nreplace: description\ndescription: via ldapmodify\n",
        "ldapmodify", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW);
    assertEquals(0, modify.exit, modify.err);
    assertTrue(search("(description=via ldapmodify)").contains("dn: " + dn));

    Run rename = run(null, "ldapmodrdn", "-x", "-r", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW, dn,
        "cn=renamed");
    assertEquals(0, rename.exit, rename.err);
    String renamed = "cn=renamed,ou=Groups," + SUFFIX;
    assertTrue(search("(cn=renamed)").contains("dn: " + renamed));

    Run delete = run(null, "ldapdelete", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW, renamed);
    assertEquals(0, delete.exit, delete.err);
    Run again = run(null, "ldapdelete", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW, renamed);
    assertEquals(32, again.exit, "noSuchObject: " + again.err);
  }

  @Test
  void ldapcompareAnswersTrueOrFalse() throws Exception {
    Run yes = run(null, "ldapcompare", "-x", "-H", server.url(), USER, "uid:bjones");
    assertEquals(6, yes.exit, yes.err);
    assertTrue(yes.out.contains("TRUE"), yes.out);
    Run no = run(null, "ldapcompare", "-x", "-H", server.url(), USER, "uid:nobody");
    assertEquals(5, no.exit, no.err);
    assertTrue(no.out.contains("FALSE"), no.out);
  }

  @Test
  void ldapwhoamiNamesTheBoundDn() throws Exception {
    Run root = run(null, "ldapwhoami", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW);
    assertEquals(0, root.exit, root.err);
    assertEquals("dn:" + ROOT_DN, root.out.strip());
    Run wrong = run(null, "ldapwhoami", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", "wrong");
    assertEquals(49, wrong.exit, "invalidCredentials: " + wrong.err);
    assertEquals("ldap_bind: Invalid credentials (49)", wrong.err.strip());
  }

  @Test
  void ldappasswdChangesPasswords() throws Exception {
    Run self = run(null, "ldappasswd", "-x", "-H", server.url(), "-D", USER, "-w", "password", "-a", "password",
        "-s", "changed");
    assertEquals(0, self.exit, self.err);
    Run byRoot = run(null, "ldappasswd", "-x", "-H", server.url(), "-D", ROOT_DN, "-w", ROOT_PW, USER);
    assertEquals(0, byRoot.exit, byRoot.err);
    String generated = byRoot.out.strip().replaceFirst("^New password: ", "");
    Run bound = run(null, "ldapwhoami", "-x", "-H", server.url(), "-D", USER, "-w", generated);
    assertEquals("dn:" + USER, bound.out.strip(), bound.err);
    Run wrongOld = run(null, "ldappasswd", "-x", "-H", server.url(), "-D", USER, "-w", generated, "-a", "wrong",
        "-s", "x");
    // ldappasswd exits with 1 on any failure, and prints the result.
    assertEquals(1, wrongOld.exit, wrongOld.err);
    String printed = wrongOld.out + wrongOld.err;
    assertTrue(printed.contains("unwilling to perform (53)") && printed.contains("unwilling to verify old password"),
        printed);
  }

  private static String search(String filter) throws Exception {
    return run(null, "ldapsearch", "-x", "-LLL", "-H", server.url(), "-b", SUFFIX, filter, "1.1").out;
  }

  private static boolean onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
  }

  /** Runs a client with {@code stdin} (or none) and collects its exit code and output. */
  private static Run run(String stdin, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(directory, "out", ".txt");
    Path err = Files.createTempFile(directory, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    if (stdin == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process process = builder.start();
    if (stdin != null) {
      process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int exit, String out, String err) {}
}
