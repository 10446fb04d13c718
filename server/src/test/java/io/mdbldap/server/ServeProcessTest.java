package io.mdbldap.server;

import static io.mdbldap.server.TestServer.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchScope;
import io.mdbldap.server.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mdbldap serve} as its own process, as the launcher runs it: the first start loads the
 * sample data and announces the URL; SIGTERM and SIGINT stop it cleanly, and it starts again on
 * the same files.
 */
class ServeProcessTest {
  private static final Pattern ANNOUNCED = Pattern.compile("serving .* on (ldap://\\S+) \\(started in");
  private static final int SIGTERM_EXIT = 128 + 15;
  private static final int SIGINT_EXIT = 128 + 2;

  @TempDir
  Path directory;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void servesUntilSignalledThenStartsAgainOnTheSameFiles() throws Exception {
    Path conf = TestServer.copyConf(directory, text -> text + "\npidfile ../var/mdbldap.pid\n");
    Path pidFile = directory.resolve("var/mdbldap.pid");

    Served first = serve(conf, "-l", conf.resolveSibling("example.ldif").toString());
    assertTrue(first.stdout.toString().contains("loaded 26 entries from "), first.stdout.toString());
    assertEquals(Long.toString(first.process.pid()), Files.readString(pidFile).strip());
    assertEquals(26, count(first.url));
    first.process.destroy();
    assertEquals(SIGTERM_EXIT, first.exitCode());
    assertEquals("mdbldap: stopping\nmdbldap: stopped\n", first.stderr(), "nothing else is logged at loglevel stats");
    assertFalse(Files.exists(pidFile));

    Served second = serve(conf, "-l", conf.resolveSibling("example.ldif").toString());
    assertTrue(second.stdout.toString().contains(SUFFIX + " already holds entries: " + conf.resolveSibling("example.ldif")
        + " not loaded into it"), second.stdout.toString());
    assertEquals(26, count(second.url));
    new ProcessBuilder("kill", "-INT", Long.toString(second.process.pid())).start().waitFor();
    assertEquals(SIGINT_EXIT, second.exitCode());
    assertTrue(second.stderr().contains("mdbldap: stopped"), second.stderr());
  }

  private static int count(String url) throws Exception {
    LDAPURL parsed = new LDAPURL(url);
    try (LDAPConnection connection = new LDAPConnection(parsed.getHost(), parsed.getPort())) {
      return connection.search(SUFFIX, SearchScope.SUB, "(objectClass=*)", "1.1").getEntryCount();
    }
  }

  /** Starts {@code mdbldap serve -f conf -h ldap://127.0.0.1:0 args...} and waits for its announcement. */
  private Served serve(Path conf, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "-f", conf.toString(), "-h", "ldap://127.0.0.1:0"));
    command.addAll(List.of(args));
    Path stderr = Files.createTempFile(directory, "stderr", ".txt");
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    started.add(process);
    Served served = new Served(process, stderr);
    served.awaitAnnouncement();
    return served;
  }

  /** A running {@code serve} process, its standard output read up to the announcement. */
  private static final class Served {
    final Process process;
    final Path stderrFile;
    final StringBuilder stdout = new StringBuilder();
    String url;

    Served(Process process, Path stderrFile) {
      this.process = process;
      this.stderrFile = stderrFile;
    }

    void awaitAnnouncement() throws IOException {
      BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        stdout.append(line).append('\n');
        Matcher announced = ANNOUNCED.matcher(line);
        if (announced.find()) {
          url = announced.group(1);
          return;
        }
      }
      process.destroyForcibly();
      throw new AssertionError("the server ended without announcing itself: " + stdout + stderr());
    }

    int exitCode() throws InterruptedException {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the server did not stop within 60 s: " + stderr());
      }
      return process.exitValue();
    }

    String stderr() {
      try {
        return Files.readString(stderrFile);
      } catch (IOException e) {
        return "(cannot read its standard error: " + e.getMessage() + ")";
      }
    }
  }
}
