package io.mdbldap.store.crash;

import static io.mdbldap.store.crash.CrashFixture.CONTAINERS;
import static io.mdbldap.store.crash.CrashFixture.SUFFIX;
import static io.mdbldap.store.crash.CrashFixture.TAG;
import static io.mdbldap.store.crash.CrashFixture.canon;
import static io.mdbldap.store.crash.CrashFixture.dn;
import static io.mdbldap.store.crash.CrashFixture.rdnValue;
import static io.mdbldap.store.crash.CrashFixture.searchDns;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.StoreStats;
import io.mdbldap.store.Subordinates;
import io.mdbldap.store.crash.CrashFixture.Attrs;
import io.mdbldap.store.crash.CrashModel.Op;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery: a child JVM ({@link CrashChild}) writes to a durable store in a loop and is
 * killed with SIGKILL at a random moment, round after round, on the same database directory.
 * After each kill the parent reopens the store and checks that
 *
 * <ul>
 *   <li>every acknowledged operation's effect is there, and the one in flight (BEGIN without ACK)
 *       is either wholly applied or wholly absent: the subtree contents equal exactly one of the
 *       two possible models;
 *   <li>each entry is reachable by DN, by ID and through every index (objectClass, cn eq and sub,
 *       description), and no entry of the other model is reachable by any of them;
 *   <li>dn2id's child and subtree counts equal the model's, {@code stats().entries()} equals the
 *       model's size, and {@code verify()} finds nothing.
 * </ul>
 *
 * <p>Knobs: {@code -Dcrash.seed=<long>}, {@code -Dcrash.rounds=<n>} (default 40),
 * {@code -Dcrash.budget=<seconds>} (default 75; 0 = none): no new round starts once the budget is
 * spent, after at least 10 rounds, so a loaded machine runs fewer rounds rather than taking
 * minutes; {@code -Dcrash.verbose=true} prints each round's timings; {@code -Dcrash.dir=<path>}
 * (an empty directory) keeps the database, the children's output and each round's state.
 * The operations of each round follow from the seed and the round number; where the kill lands
 * depends on timing, so a rerun retraces the operations but not necessarily the kill points.
 *
 * <p>Run alone: {@code mvn -B -o -pl mdb-store test -Dtest='io.mdbldap.store.crash.*Test'} (surefire
 * matches nothing with a bare {@code crash.*}); tagged {@code crash}, so
 * {@code -DexcludedGroups=crash} leaves it out of a quick run. Children are started two rounds
 * ahead and load their schema while waiting for GO, so a round costs little more than its kill
 * delay and the check.
 */
class CrashRecoveryTest {
  private static final long DEFAULT_SEED = 0x6d64626c646170L;
  private static final long CHILD_READY_TIMEOUT_MS = 60_000;
  /** Children started ahead, loading their schema (the slow part of a child's start) in the background. */
  private static final int SPARES = 2;
  /** Rounds that always run, whatever the time budget says. */
  private static final int MIN_ROUNDS = 10;

  @TempDir Path tmp;

  private long seed;
  private int round;
  private Path dir;
  private Path work;
  private List<String> lastLines = List.of();
  private Path lastStderr;
  private String timings = "";
  private final boolean verbose = Boolean.getBoolean("crash.verbose");
  private boolean keep;

  // statistics for the summary
  private int acked;
  private int inFlightApplied;
  private int inFlightAbsent;
  private int quietKills;
  private int earlyKills;
  private int maxEntries;

  @Test
  @Tag("crash")
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    seed = Long.getLong("crash.seed", DEFAULT_SEED);
    int rounds = Integer.getInteger("crash.rounds", 40);
    keep = System.getProperty("crash.dir") != null;
    work = keep ? Path.of(System.getProperty("crash.dir")) : tmp;
    dir = work.resolve("db");
    Files.createDirectories(work);
    if (Files.exists(dir.resolve("data.mdb"))) {
      fail("crash.dir " + work + " already holds a database; give an empty directory");
    }
    Path logback = writeChildLogbackConfig();
    long startNanos = System.nanoTime();
    int budgetSeconds = Integer.getInteger("crash.budget", 75);

    SchemaManager sm = CrashFixture.schemaManager();
    CrashModel model = CrashModel.initial();
    try (MdbStore store = MdbStore.open(CrashFixture.config(dir), sm)) {
      store.add(new DefaultEntry(sm, SUFFIX, "objectClass: top", "objectClass: domain", "dc: example"));
      for (String c : CONTAINERS) {
        store.add(new DefaultEntry(sm, c, "objectClass: top", "objectClass: organizationalUnit", "ou: " + rdnValue(c)));
      }
      check(store, sm, model, null, Set.of());
    }

    long counter = 1;
    Child current = null;
    Deque<Child> spares = new ArrayDeque<>();
    int started = 0;
    long budgetEnd = startNanos + TimeUnit.SECONDS.toNanos(budgetSeconds);
    try {
      for (round = 0; round < rounds; round++) {
        if (budgetSeconds > 0 && round >= MIN_ROUNDS && System.nanoTime() > budgetEnd) {
          System.out.printf("crash test: time budget of %d s used up after %d of %d rounds%n", budgetSeconds, round, rounds);
          break;
        }
        long roundSeed = seed * 1_000_003L + round;
        Random rr = new Random(roundSeed ^ 0x5DEECE66DL);
        if (spares.isEmpty()) {
          spares.add(new Child(started++, logback));
        }
        current = spares.poll();
        // The next children load their schema while this one runs and the parent checks.
        while (spares.size() < SPARES && started < rounds) {
          spares.add(new Child(started++, logback));
        }
        List<String> lines = runAndKill(current, roundSeed, counter, rr, model.size());

        // What the child acknowledged, and what it had begun but not acknowledged.
        List<Op> acks = new ArrayList<>();
        Op inFlight = parse(lines, acks);
        Set<String> gone = new TreeSet<>();
        for (Op op : acks) {
          try {
            model.apply(op);
          } catch (IllegalStateException e) {
            throw failure("the child acknowledged an operation the model rejects", e);
          }
          if (op.kind() == CrashModel.Kind.DEL || op.kind() == CrashModel.Kind.MOVE) {
            gone.add(op.dn());
          }
          counter = Math.max(counter, op.n() + 1);
        }
        acked += acks.size();
        if (inFlight != null) {
          counter = Math.max(counter, inFlight.n() + 1);
        } else {
          quietKills++;
        }

        long checkStart = System.nanoTime();
        try (MdbStore store = MdbStore.open(CrashFixture.config(dir), sm)) {
          model = check(store, sm, model, inFlight, gone);
        } catch (AssertionError e) {
          throw e;
        } catch (Exception e) {
          throw failure("reopening or reading the store failed", e);
        }
        counter = Math.max(counter, model.maxNumber() + 1);
        maxEntries = Math.max(maxEntries, model.size());
        if (verbose) {
          System.out.printf("round %d: %d acks, in flight %s; %s, check %d ms, %d entries%n", round, acks.size(),
              inFlight, timings, (System.nanoTime() - checkStart) / 1_000_000, model.size());
        }
      }
    } finally {
      // Unused spares and, after a failure, the current child; wait, so @TempDir can be deleted.
      if (current != null) {
        spares.add(current);
      }
      for (Child c : spares) {
        c.process.destroyForcibly();
        c.process.waitFor(30, TimeUnit.SECONDS);
      }
    }

    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf(
        "crash test: seed=%d rounds=%d acknowledged ops=%d, in flight at the kill: applied %d, absent %d, none %d;"
            + " kills before READY %d; entries at the end %d (max %d); %.1f s%n",
        seed, round, acked, inFlightApplied, inFlightAbsent, quietKills, earlyKills, model.size(), maxEntries, seconds);
    assertTrue(acked >= round, "the children acknowledged only " + acked + " operations in " + round + " rounds");
  }

  /**
   * A child JVM: its process and its protocol lines so far.
   *
   * <p>The child's stdout goes to a file, not a pipe, and the parent reads the file. With a pipe,
   * the JDK's process reaper drains what is left in the pipe when the child dies and closes the
   * stream under a reader that is still behind; the reader then gets "Stream closed" and the
   * drained lines are lost (seen here under load: acknowledged operations the parent never heard
   * of). A file keeps every byte the child wrote before SIGKILL.
   */
  private final class Child {
    final Process process;
    final Path stdout;
    final Path stderr;
    final int index;
    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    Child(int index, Path logback) throws IOException {
      this.index = index;
      List<String> cmd = new ArrayList<>();
      cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      cmd.addAll(List.of("--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
      // A short-lived JVM: start fast, small footprint (2 shared cores).
      cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xmx256m"));
      cmd.add("-Dlogback.configurationFile=" + logback);
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
      cmd.add(CrashChild.class.getName());
      cmd.add(dir.toString());
      cmd.add(work.resolve("scratch-" + index).toString());
      stdout = work.resolve("child-" + index + ".out");
      stderr = work.resolve("child-" + index + ".err");
      process = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** The complete (newline-terminated) protocol lines written so far; a line cut short is not one. */
    List<String> lines() throws IOException {
      try (FileChannel ch = FileChannel.open(stdout, StandardOpenOption.READ)) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        for (int n = ch.read(buf, offset); n > 0; n = ch.read(buf, offset)) {
          offset += n;
          for (int i = 0; i < n; i++) {
            byte b = buf.get(i);
            if (b == '\n') {
              String s = partial.toString(StandardCharsets.UTF_8);
              partial.reset();
              if (s.startsWith(TAG)) {
                lines.add(s.substring(TAG.length()));
              }
            } else {
              partial.write(b);
            }
          }
          buf.clear();
        }
      }
      return lines;
    }

    boolean saw(String prefix) throws IOException {
      return lines().stream().anyMatch(l -> l.startsWith(prefix));
    }

    /** Waits for a line starting with {@code prefix}; fails if the child dies or takes too long. */
    void await(String prefix) throws InterruptedException, IOException {
      long deadline = System.currentTimeMillis() + CHILD_READY_TIMEOUT_MS;
      while (!saw(prefix)) {
        if (!process.isAlive()) {
          lastLines = List.copyOf(lines());
          throw failure("the child exited with status " + process.exitValue() + " before " + prefix, null);
        }
        if (System.currentTimeMillis() > deadline) {
          throw failure("no " + prefix + " from the child after " + CHILD_READY_TIMEOUT_MS + " ms", null);
        }
        Thread.sleep(1);
      }
    }

    void go(long roundSeed, long counter) throws IOException {
      process.getOutputStream().write(("GO " + roundSeed + " " + counter + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    void kill() throws InterruptedException {
      if (process.isAlive()) {
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw failure("the child did not die within 30 s of SIGKILL", null);
        }
      }
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // the pipe is gone with the process
      }
    }
  }

  /**
   * Lets the loaded child go, kills it with SIGKILL after a random delay, and returns its complete
   * protocol lines.
   */
  private List<String> runAndKill(Child child, long roundSeed, long counter, Random rr, int expectedSize)
      throws Exception {
    lastStderr = child.stderr;
    lastLines = List.of();
    long t0 = System.nanoTime();
    child.await("LOADED");
    long t1 = System.nanoTime();
    child.go(roundSeed, counter);
    long tReady = t1;
    if (rr.nextInt(10) == 0) {
      // Kill while the store opens (and perhaps already writes).
      Thread.sleep(rr.nextInt(300));
    } else {
      child.await("READY");
      tReady = System.nanoTime();
      int pick = rr.nextInt(10);
      Thread.sleep(pick < 3 ? rr.nextInt(30) : pick < 8 ? 30 + rr.nextInt(400) : 400 + rr.nextInt(800));
    }
    if (!child.process.isAlive()) {
      lastLines = List.copyOf(child.lines());
      throw failure("the child exited by itself with status " + child.process.exitValue(), null);
    }
    long t2 = System.nanoTime();
    child.kill();
    List<String> lines = List.copyOf(child.lines());
    timings = String.format("waited for LOADED %d ms, GO to READY %d ms, READY to kill %d ms", (t1 - t0) / 1_000_000,
        (tReady - t1) / 1_000_000, (t2 - tReady) / 1_000_000);
    lastLines = lines;
    String ready = lines.stream().filter(l -> l.startsWith("READY")).findFirst().orElse(null);
    if (ready == null) {
      earlyKills++;
    } else if (Integer.parseInt(ready.substring(6).trim()) != expectedSize) {
      throw failure("the child found " + ready.substring(6).trim() + " entries on open, the model has " + expectedSize, null);
    }
    return lines;
  }

  /** Fills {@code acks} with the acknowledged operations in order and returns the one in flight, if any. */
  private Op parse(List<String> lines, List<Op> acks) {
    String pendingSeq = null;
    String pendingOp = null;
    for (String line : lines) {
      String[] f = line.split(" ", 3);
      switch (f[0]) {
        case "LOADED":
        case "READY":
          break;
        case "BEGIN":
          if (pendingSeq != null) {
            throw failure("protocol: BEGIN " + f[1] + " while " + pendingSeq + " is unacknowledged", null);
          }
          pendingSeq = f[1];
          pendingOp = f[2];
          break;
        case "ACK":
          if (!f[1].equals(pendingSeq) || !f[2].equals(pendingOp)) {
            throw failure("protocol: ACK " + f[1] + " " + f[2] + " does not match BEGIN " + pendingSeq + " " + pendingOp, null);
          }
          acks.add(Op.parse(pendingOp));
          pendingSeq = null;
          pendingOp = null;
          break;
        case "ERR":
          throw failure("a store call failed in the child: " + line, null);
        default:
          throw failure("protocol: unexpected line " + line, null);
      }
    }
    return pendingOp == null ? null : Op.parse(pendingOp);
  }

  /**
   * Checks the store against the model (the acknowledged state) and, if an operation was in
   * flight, against the model with it applied; exactly one must match. Returns the one that did.
   */
  private CrashModel check(MdbStore store, SchemaManager sm, CrashModel absent, Op inFlight, Set<String> gone)
      throws Exception {
    CrashModel applied = null;
    if (inFlight != null) {
      applied = absent.copy();
      try {
        applied.apply(inFlight);
      } catch (IllegalStateException e) {
        throw failure("the operation in flight does not apply to the acknowledged state", e);
      }
    }
    TreeMap<String, Attrs> actual = CrashFixture.snapshot(store, sm);
    if (keep) {
      List<String> dump = new ArrayList<>();
      actual.forEach((k, v) -> dump.add(k + " " + v));
      Files.write(work.resolve("state-after-round-" + round + ".txt"), dump);
    }
    CrashModel chosen;
    CrashModel other;
    if (actual.equals(absent.entries())) {
      chosen = absent;
      other = applied;
      if (inFlight != null) {
        inFlightAbsent++;
      }
    } else if (applied != null && actual.equals(applied.entries())) {
      chosen = applied;
      other = absent;
      inFlightApplied++;
    } else {
      StringBuilder sb = new StringBuilder();
      sb.append("the subtree search does not show the acknowledged state");
      if (inFlight != null) {
        sb.append(", neither without nor with the operation in flight (").append(inFlight).append(")");
      }
      sb.append("\n  differences from the acknowledged state: ").append(diff(absent.entries(), actual));
      if (applied != null) {
        sb.append("\n  differences from the state with the operation in flight: ").append(diff(applied.entries(), actual));
      }
      throw failure(sb.toString(), null);
    }

    List<String> problems = new ArrayList<>();
    for (String p : store.verify()) {
      problems.add("verify(): " + p);
    }
    StoreStats stats = store.stats();
    if (stats.entries() != chosen.size()) {
      problems.add("stats().entries() = " + stats.entries() + ", the model holds " + chosen.size());
    }
    if (stats.reindexNeeded()) {
      problems.add("stats().reindexNeeded() is true after a reopen with the same index configuration");
    }

    // Every entry by DN, by ID, with its dn2id counts.
    for (Map.Entry<String, Attrs> e : chosen.entries().entrySet()) {
      String dn = e.getKey();
      OptionalLong id = store.idOf(dn(sm, dn));
      if (id.isEmpty()) {
        problems.add("idOf(" + dn + ") is empty");
        continue;
      }
      Entry byDn = store.lookup(dn(sm, dn));
      if (byDn == null || !Attrs.of(byDn).equals(e.getValue()) || !canon(byDn.getDn()).equals(dn)) {
        problems.add("lookup(" + dn + ") = " + describe(byDn) + ", expected " + e.getValue());
      }
      Entry byId = store.lookup(id.getAsLong());
      if (byId == null || !Attrs.of(byId).equals(e.getValue()) || !canon(byId.getDn()).equals(dn)) {
        problems.add("lookup(" + id.getAsLong() + ") [" + dn + "] = " + describe(byId) + ", expected " + e.getValue());
      }
      Subordinates s = store.subordinates(dn(sm, dn));
      Subordinates want = new Subordinates(chosen.children(dn), chosen.subtree(dn).size());
      if (!want.equals(s)) {
        problems.add("subordinates(" + dn + ") = " + s + ", expected " + want);
      }
    }

    // Nothing of the other state, nor of what was deleted or moved away, is reachable by DN.
    Set<String> absentDns = new TreeSet<>(gone);
    if (other != null) {
      absentDns.addAll(other.entries().keySet());
    }
    absentDns.removeAll(chosen.entries().keySet());
    for (String dn : absentDns) {
      if (store.idOf(dn(sm, dn)).isPresent() || store.lookup(dn(sm, dn)) != null) {
        problems.add(dn + " should not exist, but is reachable by DN");
      }
    }

    // The indices, through searches: each value of both states, exactly the model's entries.
    expectSearch(store, sm, "(objectClass=person)", chosen, a -> a.isPerson(), problems);
    expectSearch(store, sm, "(objectClass=organizationalUnit)", chosen,
        a -> a.objectClass().contains("organizationalunit"), problems);
    Set<String> cns = new TreeSet<>();
    Set<String> descriptions = new TreeSet<>();
    for (CrashModel m : other == null ? List.of(chosen) : List.of(chosen, other)) {
      for (Attrs a : m.entries().values()) {
        cns.addAll(a.cn());
        descriptions.addAll(a.description());
      }
    }
    for (String v : cns) {
      expectSearch(store, sm, "(cn=" + v + ")", chosen, a -> a.cn().contains(v), problems);
    }
    for (String v : descriptions) {
      expectSearch(store, sm, "(description=" + v + ")", chosen, a -> a.description().contains(v), problems);
    }
    // Substring searches: for a sample of names, and every name the operation in flight touched.
    Set<String> sample = new LinkedHashSet<>();
    if (inFlight != null) {
      sample.add(rdnValue(inFlight.dn()));
      if (inFlight.newDn() != null) {
        sample.add(rdnValue(inFlight.newDn()));
      }
    }
    List<String> all = new ArrayList<>(cns);
    Collections.shuffle(all, new Random(seed + round));
    sample.addAll(all.subList(0, Math.min(10, all.size())));
    for (String v : sample) {
      if (!v.startsWith("e") || v.length() < 3) {
        continue;
      }
      String initial = v.substring(0, v.length() - 1);
      String fin = v.substring(2);
      String any = v.substring(1, Math.max(2, v.length() - 1));
      expectSearch(store, sm, "(cn=" + initial + "*)", chosen, a -> a.cn().stream().anyMatch(c -> c.startsWith(initial)), problems);
      expectSearch(store, sm, "(cn=*" + fin + ")", chosen, a -> a.cn().stream().anyMatch(c -> c.endsWith(fin)), problems);
      expectSearch(store, sm, "(cn=*" + any + "*)", chosen, a -> a.cn().stream().anyMatch(c -> c.contains(any)), problems);
    }

    if (!problems.isEmpty()) {
      String context = inFlight == null ? "" : " (the operation in flight, " + inFlight + ", is "
          + (chosen == applied ? "applied" : "absent") + ")";
      throw failure(problems.size() + " inconsistencies after reopening" + context + ":\n  "
          + String.join("\n  ", problems.subList(0, Math.min(40, problems.size()))), null);
    }
    return chosen;
  }

  private static void expectSearch(MdbStore store, SchemaManager sm, String filter, CrashModel model,
      Predicate<Attrs> matches, List<String> problems) throws Exception {
    List<String> got = searchDns(store, sm, filter);
    Set<String> gotSet = new TreeSet<>(got);
    Set<String> want = new TreeSet<>();
    model.entries().forEach((dn, a) -> {
      if (matches.test(a)) {
        want.add(dn);
      }
    });
    if (gotSet.size() != got.size()) {
      problems.add("search " + filter + " returned duplicates: " + got);
    }
    if (!gotSet.equals(want)) {
      Set<String> missing = new TreeSet<>(want);
      missing.removeAll(gotSet);
      Set<String> extra = new TreeSet<>(gotSet);
      extra.removeAll(want);
      problems.add("search " + filter + ": missing " + missing + ", unexpected " + extra);
    }
  }

  private static String diff(Map<String, Attrs> expected, Map<String, Attrs> actual) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Attrs> e : expected.entrySet()) {
      Attrs a = actual.get(e.getKey());
      if (a == null) {
        out.add("missing " + e.getKey() + " " + e.getValue());
      } else if (!a.equals(e.getValue())) {
        out.add("different " + e.getKey() + ": " + a + ", expected " + e.getValue());
      }
    }
    for (Map.Entry<String, Attrs> e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        out.add("unexpected " + e.getKey() + " " + e.getValue());
      }
    }
    return out.size() <= 20 ? out.toString() : out.subList(0, 20) + " ... (" + out.size() + " in all)";
  }

  private static String describe(Entry e) {
    return e == null ? "null" : canon(e.getDn()) + " " + Attrs.of(e);
  }

  private AssertionError failure(String message, Throwable cause) {
    StringBuilder sb = new StringBuilder();
    sb.append("crash test failed: seed=").append(seed).append(" round=").append(round)
        .append(" (rerun: -Dcrash.seed=").append(seed).append(" -Dcrash.rounds=").append(round + 1)
        .append(" -Dcrash.dir=<empty dir> to keep the database)\n");
    sb.append(message);
    if (!lastLines.isEmpty()) {
      List<String> tail = lastLines.subList(Math.max(0, lastLines.size() - 12), lastLines.size());
      sb.append("\nlast lines of the child:\n  ").append(String.join("\n  ", tail));
    }
    if (lastStderr != null && Files.exists(lastStderr)) {
      try {
        String err = Files.readString(lastStderr);
        if (!err.isBlank()) {
          sb.append("\nchild stderr:\n").append(err.length() > 4000 ? err.substring(0, 4000) + "..." : err);
        }
      } catch (IOException ignored) {
        // best effort
      }
    }
    sb.append("\ndatabase: ").append(dir);
    return new AssertionError(sb.toString(), cause);
  }

  private Path writeChildLogbackConfig() throws IOException {
    Path f = work.resolve("logback-child.xml");
    Files.writeString(f, String.join("\n",
        "<configuration>",
        "  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <target>System.err</target>",
        "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>",
        "  </appender>",
        "  <root level=\"WARN\"><appender-ref ref=\"ERR\"/></root>",
        "</configuration>", ""));
    return f;
  }

}
