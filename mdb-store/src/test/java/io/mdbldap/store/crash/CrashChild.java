package io.mdbldap.store.crash;

import static io.mdbldap.store.crash.CrashFixture.TAG;
import static io.mdbldap.store.crash.CrashFixture.dn;
import static io.mdbldap.store.crash.CrashFixture.parentOf;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.crash.CrashModel.Op;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The process {@link CrashRecoveryTest} kills: opens the store (durable) and writes in a loop
 * until it is killed with SIGKILL.
 *
 * <p>Arguments: the database directory, and optionally a scratch directory for a warm-up. The
 * parent starts children ahead, while it still checks the last round, so the slow part overlaps:
 * the child loads the schema (1-2 s), warms up on the scratch store, prints {@code LOADED} and
 * waits for {@code GO <seed> <first fresh number>} on stdin before it opens the real store.
 *
 * <p>Protocol on stdout, one line per write(2), each starting with {@link CrashFixture#TAG}:
 * {@code LOADED}, {@code READY <entries>} once the store is open, then per store call
 * {@code BEGIN <seq> <op>} before it and {@code ACK <seq> <op>} after it returned (the op text is
 * {@link Op#format()}). An unexpected failure prints {@code ERR <seq> <message>} and exits with
 * status 3. The child also exits when its stdin closes (the parent died) or 120 s after GO, so it
 * can never outlive a broken test run for long.
 */
public final class CrashChild {
  private static final FileOutputStream OUT = new FileOutputStream(FileDescriptor.out);

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    SchemaManager sm = CrashFixture.schemaManager();
    AttributeType description = sm.lookupAttributeTypeRegistry("description");
    AttributeType sn = sm.lookupAttributeTypeRegistry("sn");
    if (args.length > 1) {
      warmUp(Path.of(args[1]), sm, description, sn);
    }
    emit("LOADED");

    // Wait for the parent's go-ahead: it may still have the store open, checking the last round.
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String go = stdin.readLine();
    if (go == null || !go.startsWith("GO ")) {
      Runtime.getRuntime().halt(4);
    }
    String[] f = go.split(" ");
    long seed = Long.parseLong(f[1]);
    long[] counter = {Long.parseLong(f[2])};
    startWatchdog(stdin);

    MdbStore store = MdbStore.open(CrashFixture.config(dir), sm);
    CrashModel model = CrashModel.of(CrashFixture.snapshot(store, sm));
    counter[0] = Math.max(counter[0], model.maxNumber() + 1);
    Random rnd = new Random(seed);
    emit("READY " + model.size());

    for (long seq = 1; ; seq++) {
      Op op = model.randomOp(rnd, counter);
      emit("BEGIN " + seq + " " + op.format());
      try {
        execute(store, sm, op, description, sn);
      } catch (Exception | AssertionError e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        System.err.println("store call failed: " + op + "\n" + trace);
        System.err.flush();
        emit("ERR " + seq + " " + e.toString().replace('\n', ' '));
        Runtime.getRuntime().halt(3);
      }
      emit("ACK " + seq + " " + op.format());
      model.apply(op);
    }
  }

  /**
   * Runs every kind of operation once on a scratch store, then deletes it: class loading, the
   * native library and the first compilations happen here, before GO, not after it.
   */
  private static void warmUp(Path scratch, SchemaManager sm, AttributeType description, AttributeType sn)
      throws Exception {
    try (MdbStore store = MdbStore.open(CrashFixture.config(scratch), sm)) {
      store.add(new DefaultEntry(sm, CrashFixture.SUFFIX, "objectClass: top", "objectClass: domain", "dc: example"));
      for (String c : CrashFixture.CONTAINERS) {
        store.add(new DefaultEntry(sm, c, "objectClass: top", "objectClass: organizationalUnit",
            "ou: " + CrashFixture.rdnValue(c)));
      }
      CrashModel model = CrashModel.of(CrashFixture.snapshot(store, sm));
      String a = "cn=e1," + CrashFixture.CONTAINERS.get(0);
      for (Op op : List.of(Op.add(a, 1), Op.add("cn=e2," + a, 2), Op.mod(a, 3),
          Op.move(a, "cn=e4," + CrashFixture.CONTAINERS.get(1), 4, true), Op.del("cn=e2,cn=e4," + CrashFixture.CONTAINERS.get(1)))) {
        execute(store, sm, op, description, sn);
        model.apply(op);
      }
      CrashFixture.searchDns(store, sm, "(cn=e4)");
      CrashFixture.searchDns(store, sm, "(cn=*4)");
      store.verify();
    }
    try (Stream<Path> files = Files.list(scratch)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    }
    Files.delete(scratch);
  }

  private static void execute(MdbStore store, SchemaManager sm, Op op, AttributeType description, AttributeType sn)
      throws LdapException {
    switch (op.kind()) {
      case ADD: {
        Entry e = new DefaultEntry(sm, dn(sm, op.dn()));
        e.add("objectClass", "top", "person");
        e.add("cn", "e" + op.n());
        e.add("sn", "s" + op.n());
        e.add("description", Long.toString(op.n()));
        store.add(e);
        break;
      }
      case MOD: {
        List<Modification> mods = List.of(
            new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, description, Long.toString(op.n())),
            new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, sn, "s" + op.n()));
        store.modify(dn(sm, op.dn()), mods);
        break;
      }
      case DEL:
        store.delete(dn(sm, op.dn()));
        break;
      case MOVE: {
        String oldParent = parentOf(op.dn());
        String newParent = parentOf(op.newDn());
        String oldRdn = op.dn().substring(0, op.dn().indexOf(','));
        String newRdn = op.newDn().substring(0, op.newDn().indexOf(','));
        Dn superior = newParent.equals(oldParent) ? null : dn(sm, newParent);
        Rdn rdn = newRdn.equals(oldRdn) ? null : new Rdn(sm, newRdn);
        store.moveAndRename(dn(sm, op.dn()), superior, rdn, op.deleteOldRdn());
        break;
      }
      default:
        throw new IllegalStateException(op.toString());
    }
  }

  /** One write(2) per line, unbuffered: once it returns, the line is in the file even if SIGKILL follows. */
  private static void emit(String line) throws IOException {
    OUT.write((TAG + line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void startWatchdog(BufferedReader stdin) {
    Thread parent = new Thread(() -> {
      try {
        while (stdin.read() >= 0) {
          // the parent writes nothing more; EOF means it has gone
        }
      } catch (IOException ignored) {
        // treat like EOF
      }
      Runtime.getRuntime().halt(4);
    }, "parent-watch");
    parent.setDaemon(true);
    parent.start();
    Thread timer = new Thread(() -> {
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException ignored) {
        // exit anyway
      }
      Runtime.getRuntime().halt(5);
    }, "time-limit");
    timer.setDaemon(true);
    timer.start();
  }
}
