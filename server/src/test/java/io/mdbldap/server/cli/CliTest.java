package io.mdbldap.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line run in this JVM: help, version, and the error exits. */
class CliTest {
  private static final Path SHIPPED_CONF = Path.of("..", "conf", "slapd.conf").toAbsolutePath().normalize();
  private static final Path EXAMPLE_LDIF = SHIPPED_CONF.resolveSibling("example.ldif");

  @TempDir
  Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpListsTheCommands() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("Usage: mdbldap"), out.toString());
    for (String command : new String[] {"serve", "add", "cat", "index", "copy", "stat", "test"}) {
      assertTrue(out.toString().contains("\n  " + command + " "), command + " missing from " + out);
    }
    assertEquals(0, run("serve", "--help"));
    assertTrue(out.toString().contains("mdbldap serve [--help] -f FILE [-l LDIF] [-h URLS]"), out.toString());
  }

  @Test
  void versionIsTheBuildsVersion() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().matches("(?s)mdbldap \\d+\\.\\d+\\.\\d+.*"), out.toString());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("Missing command"), err.toString());
  }

  @Test
  void testAcceptsTheShippedConfiguration() {
    assertEquals(0, run("test", "-f", SHIPPED_CONF.toString()));
    assertEquals("config file testing succeeded", err.toString().strip());
  }

  @Test
  void configurationErrorsReadFileLineMessage() throws Exception {
    Path conf = brokenConf();
    String expected = conf + ":3: unknown directive \"frobnicate\"";
    assertEquals(1, run("test", "-f", conf.toString()));
    assertEquals(expected, err.toString().strip());
    err.getBuffer().setLength(0);
    assertEquals(1, run("serve", "-f", conf.toString()));
    assertEquals(expected, err.toString().strip());
  }

  @Test
  void aMissingConfigurationFileIsReported() {
    Path missing = directory.resolve("missing.conf");
    assertEquals(1, run("serve", "-f", missing.toString()));
    assertEquals(missing + ": cannot read \"" + missing + "\": no such file", err.toString().strip());
  }

  @Test
  void badListenUrlsAreUsageErrors() throws Exception {
    assertEquals(2, run("serve", "-f", copiedConf().toString(), "-h", "http://127.0.0.1:1389"));
    String expected = "unsupported URL \"http://127.0.0.1:1389\": only ldap:// and ldaps:// are served";
    assertTrue(err.toString().contains(expected), err.toString());
  }

  @Test
  void anAddressInUseIsReportedAndTheDatabasesClosed() throws Exception {
    Path conf = copiedConf();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertEquals(1, run("serve", "-f", conf.toString(), "-h", "ldap://127.0.0.1:" + busy.getLocalPort()));
    }
    assertTrue(err.toString().matches("mdbldap: cannot listen on ldap://127.0.0.1:\\d+: Address already in use\\s*"),
        err.toString());
    // Closed: the same files open again, here to report a missing LDIF file.
    err.getBuffer().setLength(0);
    assertEquals(1, run("serve", "-f", conf.toString(), "-h", "ldap://127.0.0.1:0", "-l",
        directory.resolve("none.ldif").toString()));
    assertEquals("mdbldap: cannot read " + directory.resolve("none.ldif") + ": no such file, or not readable",
        err.toString().strip());
  }

  @Test
  void ldifEntriesOutsideTheDatabasesAreReported() throws Exception {
    Path ldif = directory.resolve("elsewhere.ldif");
    Files.writeString(ldif, "dn: o=elsewhere\nobjectClass: organization\no: elsewhere\n");
    assertEquals(1, run("serve", "-f", copiedConf().toString(), "-h", "ldap://127.0.0.1:0", "-l", ldif.toString()));
    assertEquals("mdbldap: " + ldif + ": \"o=elsewhere\" is not within any database's suffix", err.toString().strip());
  }

  @Test
  void theOfflineToolsAreMdbldapCommands() throws Exception {
    Path conf = copiedConf();
    Path exported = directory.resolve("out.ldif");
    assertEquals(0, run("add", "-f", conf.toString(), "-l", EXAMPLE_LDIF.toString()), err.toString());
    assertEquals(0, run("cat", "-f", conf.toString(), "-l", exported.toString()), err.toString());
    assertEquals(26, Files.readAllLines(exported).stream().filter(line -> line.startsWith("dn: ")).count());
  }

  @Test
  void theServerRefusesIndicesBuiltForAnotherConfigurationUntilReindexed() throws Exception {
    Path conf = copiedConf();
    assertEquals(0, run("add", "-f", conf.toString(), "-q", "-l", EXAMPLE_LDIF.toString()), err.toString());
    Files.writeString(conf, Files.readString(conf) + "index           description                 eq\n");
    err.getBuffer().setLength(0);
    assertEquals(1, run("serve", "-f", conf.toString(), "-h", "ldap://127.0.0.1:0"));
    assertTrue(err.toString().contains("its indices were built with another index configuration")
        && err.toString().contains("mdbldap index -f " + conf + " -b dc=example,dc=com"), err.toString());
    assertEquals(1, run("test", "-f", conf.toString()));
    assertEquals(0, run("index", "-f", conf.toString()), err.toString());
    err.getBuffer().setLength(0);
    assertEquals(0, run("test", "-f", conf.toString()), err.toString());
  }

  private int run(String... args) {
    CommandLine command = Main.commandLine();
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  private Path brokenConf() throws Exception {
    Path conf = directory.resolve("broken.conf");
    Files.writeString(conf, "# a broken configuration\nloglevel none\nfrobnicate on\n");
    return conf;
  }

  /** The shipped configuration, its database in this test's directory. */
  private Path copiedConf() throws Exception {
    Path conf = directory.resolve("slapd.conf");
    Files.writeString(conf, Files.readString(SHIPPED_CONF)
        .replace("include         schema/", "include         " + SHIPPED_CONF.getParent().resolve("schema") + "/")
        .replace("../var/example", directory.resolve("db").toString()));
    return conf;
  }
}
