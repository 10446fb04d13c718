package io.mdbldap.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldif.LDIFReader;
import io.mdbldap.server.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mdbldap cat} on a database that {@code mdbldap serve}, the real process, has open and is
 * writing to (issue #4): several exports run while writers add and modify entries over LDAP. Each
 * export completes and is one consistent state (every entry's parent is in it, every entry the
 * server had acknowledged before the export began is in it, the sample data is whole), and the
 * writers see no error: the export does not disturb the server.
 */
class CatWhileServingTest {
  private static final int WRITERS = 3;
  private static final int EXPORTS = 4;

  @TempDir
  Path directory;

  @Test
  void exportsAreConsistentAndTheServerIsUnaffected() throws Exception {
    Path conf = ShippedConf.copyTo(directory, ShippedConf.sizeLimit("unlimited"));
    WriteLedger ledger = new WriteLedger();
    try (ServeProcess server = ServeProcess.start(conf, "-l", conf.resolveSibling("example.ldif").toString())) {
      addContainer(server);
      Map<DN, Entry> sample = export(conf, directory.resolve("before.ldif"));
      try (WriteLoad load = WriteLoad.start(server, WRITERS, ledger, 1, 20261122L)) {
        int previous = 0;
        for (int n = 1; n <= EXPORTS; n++) {
          awaitMoreWrites(ledger, previous + 20);
          int acknowledgedAdds = ledger.acknowledgedAdds();
          Map<DN, Entry> export = export(conf, directory.resolve("export-" + n + ".ldif"));
          assertConsistent(export, sample.keySet(), acknowledgedAdds, "export " + n);
          previous = ledger.acknowledgedWrites();
        }
        server.kill9();
        load.awaitEnd();
      }
    }
  }

  private static void addContainer(ServeProcess server) throws Exception {
    try (LDAPConnection root = server.connect()) {
      root.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
      root.add("dn: " + WriteLedger.CONTAINER, "objectClass: top", "objectClass: organizationalUnit", "ou: Load");
    }
  }

  private static void awaitMoreWrites(WriteLedger ledger, int writes) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (ledger.acknowledgedWrites() < writes && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(ledger.acknowledgedWrites() >= writes, "the writers made no progress");
  }

  /** Runs {@code mdbldap cat -f conf -l out} in this JVM (the server is another process) and reads its output. */
  private static Map<DN, Entry> export(Path conf, Path out) throws Exception {
    StringWriter err = new StringWriter();
    int exit = Main.commandLine().setErr(new PrintWriter(err, true))
        .execute("cat", "-f", conf.toString(), "-l", out.toString());
    assertEquals(0, exit, err.toString());
    Map<DN, Entry> entries = new HashMap<>();
    try (LDIFReader reader = new LDIFReader(out.toFile())) {
      for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
        assertEquals(null, entries.put(entry.getParsedDN(), entry), "exported twice: " + entry.getDN());
      }
    }
    return entries;
  }

  private static void assertConsistent(Map<DN, Entry> export, Set<DN> sample, int acknowledgedAdds, String which)
      throws Exception {
    DN suffix = new DN(ShippedConf.SUFFIX);
    for (DN dn : export.keySet()) {
      assertTrue(dn.equals(suffix) || export.containsKey(dn.getParent()), which + ": " + dn + " without its parent");
    }
    assertTrue(export.keySet().containsAll(sample), which + ": sample entries missing");
    DN container = new DN(WriteLedger.CONTAINER);
    long loaded = export.keySet().stream().filter(dn -> dn.isDescendantOf(container, false)).count();
    assertTrue(loaded >= acknowledgedAdds,
        which + ": " + loaded + " written entries, but " + acknowledgedAdds + " adds were acknowledged before it");
  }
}
