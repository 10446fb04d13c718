package io.mdbldap.ldif.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.Generated;
import io.mdbldap.ldif.Ldif;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.ldif.TestDatabase;
import io.mdbldap.store.MdbStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * cat while a server writes: another process ({@link WriteLoad}) adds, modifies and deletes
 * entries on the same database the whole time. Each export completes and is consistent (every
 * entry's parent is in it, the loaded entries are all there unchanged), and the writer never sees
 * an error.
 */
class CatWhileWritingTest {
  private static final int PEOPLE = 1_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void exportsStayConsistentAndTheWriterIsUnaffected() throws Exception {
    TestDatabase db = TestDatabase.in(dir);
    String base = Generated.ldif(PEOPLE, 1) + "dn: ou=load,dc=example,dc=com\nobjectClass: organizationalUnit\nou: load\n\n";
    assertEquals(0, db.run("add", "-q", "-l", Ldif.write(dir, "base.ldif", base).toString()).exit());
    Map<String, Entry> loaded = Ldif.parse(db.cat());

    Process writer = startWriter(db);
    BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
    try {
      assertEquals("READY", out.readLine());
      int previous = 0;
      for (int round = 0; round < 3; round++) {
        Thread.sleep(300);
        assertTrue(writer.isAlive(), "the writer stopped");
        Map<String, Entry> export = Ldif.parse(db.cat());
        assertConsistent(export);
        loaded.forEach((dn, e) -> Ldif.assertSameEntry(e, export.get(dn), Set.of()));
        int writes = export.size() - loaded.size();
        assertTrue(writes > previous || round == 0, "the writer makes progress: " + writes);
        previous = writes;
        assertEquals(0, db.run("stat").exit());
      }
    } finally {
      stop(writer);
    }
    String done = out.readLine();
    assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, writer.exitValue(), "the writer failed: " + done);
    String[] counts = done.split(" ");
    assertEquals("DONE", counts[0], done);
    long live = Long.parseLong(counts[1]) - Long.parseLong(counts[2]);
    assertEquals(loaded.size() + live, Ldif.parse(db.cat()).size());
    assertTrue(verify(db).isEmpty());
  }

  /** Asks the writer to stop; one that already died is caught by the exit status check. */
  private static void stop(Process writer) {
    try (OutputStream stop = writer.getOutputStream()) {
      stop.write("STOP\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the writer is gone already
    }
  }

  private static Process startWriter(TestDatabase db) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), WriteLoad.class.getName(), db.config().toString()));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  /** Every entry but the suffix has its parent in the export. */
  private static void assertConsistent(Map<String, Entry> export) throws Exception {
    for (Entry e : export.values()) {
      DN parent = e.getParsedDN().getParent();
      if (!e.getParsedDN().equals(new DN(TestDatabase.SUFFIX))) {
        assertTrue(export.containsKey(parent.toNormalizedString()), "no parent for " + e.getDN());
      }
    }
  }

  private static List<String> verify(TestDatabase db) throws Exception {
    ServerConfig conf = db.parse();
    try (MdbStore store = MdbStore.open(StoreConfigs.of(conf.databases().get(0)), conf.schemaManager())) {
      return store.verify();
    }
  }
}
