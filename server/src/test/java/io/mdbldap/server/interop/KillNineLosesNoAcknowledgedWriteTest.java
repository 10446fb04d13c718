package io.mdbldap.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} loses no acknowledged write (issues #3 and #6): {@code mdbldap serve}, the real
 * process, takes adds and modifies from several connections and is killed with SIGKILL at a
 * random moment, {@value #DEFAULT_ROUNDS} times over; after each restart on the same files every
 * write the server acknowledged is there, a write in flight is all there or not at all, the DN
 * tree, the substring and equality indexes, presence and lookups agree on which entries exist and
 * what they hold (index results equal a scan). A clean stop and start at the end keeps everything
 * too.
 *
 * <p>The kill moments come from a seed, printed, and replayed with {@code -Dinterop.seed=N} (the
 * writes themselves depend on thread timing); {@code -Dinterop.kills=N} kills more or fewer times.
 */
class KillNineLosesNoAcknowledgedWriteTest {
  private static final int DEFAULT_ROUNDS = 50;
  private static final int WRITERS = 3;
  /** Writes acknowledged in a round before the kill may come, so that each kill lands in a busy server. */
  private static final int WRITES_BEFORE_KILL = 20;
  /** The most a kill waits after those writes, in milliseconds. */
  private static final int KILL_DELAY = 600;
  private static final int SIGTERM_EXIT = 128 + 15;

  @TempDir
  Path directory;

  @Test
  void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
    long seed = Long.getLong("interop.seed", System.nanoTime());
    System.out.println("kill -9 rounds with -Dinterop.seed=" + seed);
    int rounds = Integer.getInteger("interop.kills", DEFAULT_ROUNDS);
    Random random = new Random(seed);
    // The size limit is not under test, and the checks read the whole container anonymously.
    Path conf = ShippedConf.copyTo(directory, ShippedConf.sizeLimit("unlimited"));
    WriteLedger ledger = new WriteLedger();
    ServeProcess server = ServeProcess.start(conf, "-l", conf.resolveSibling("example.ldif").toString());
    try {
      addContainer(server);
      for (int round = 1; round <= rounds; round++) {
        long roundStart = System.nanoTime();
        killDuringWrites(server, ledger, round, random);
        long restartStart = System.nanoTime();
        server = ServeProcess.start(conf);
        long verifyStart = System.nanoTime();
        verify(server, ledger, round, "after kill -9 number " + round + " (-Dinterop.seed=" + seed + ")");
        // Where a slow CI run spends its time: the writes, the restart, or the checks.
        System.out.printf("round %d took %d ms: writes and kill %d, restart %d, checks %d%n", round,
            millisSince(roundStart), millis(restartStart - roundStart), millis(verifyStart - restartStart),
            millisSince(verifyStart));
      }
      assertEquals(SIGTERM_EXIT, server.terminate(), server.output());
      server = ServeProcess.start(conf);
      verify(server, ledger, 0, "after a clean stop and start");
    } finally {
      server.close();
    }
  }

  private static void addContainer(ServeProcess server) throws Exception {
    try (LDAPConnection root = server.connect()) {
      root.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
      root.add("dn: " + WriteLedger.CONTAINER, "objectClass: top", "objectClass: organizationalUnit", "ou: Load");
    }
  }

  /** Starts the writers, waits for some acknowledgements and a random while more, then kills the server. */
  private static void killDuringWrites(ServeProcess server, WriteLedger ledger, int round, Random random)
      throws Exception {
    int before = ledger.acknowledgedWrites();
    try (WriteLoad load = WriteLoad.start(server, WRITERS, ledger, round, random.nextLong())) {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (ledger.acknowledgedWrites() - before < WRITES_BEFORE_KILL && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(random.nextInt(KILL_DELAY));
      server.kill9();
      load.awaitEnd();
    }
    System.out.printf("round %d: %d writes acknowledged before kill -9, %d in flight%n", round,
        ledger.acknowledgedWrites() - before, ledger.inFlight());
    assertTrue(ledger.acknowledgedWrites() - before >= WRITES_BEFORE_KILL,
        "round " + round + ": the server acknowledged too few writes to test anything:\n" + server.output());
  }

  private static long millisSince(long start) {
    return millis(System.nanoTime() - start);
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  /** Checks every entry; looks each up only if written in {@code round} or later (0: all of them). */
  private static void verify(ServeProcess server, WriteLedger ledger, int round, String when) throws LDAPException {
    try (LDAPConnection connection = server.connect()) {
      int checked = ledger.verify(connection, round, when);
      System.out.printf("%s: %d entries checked (so far %d adds and %d modifies acknowledged; in flight: %s)%n",
          when, checked, ledger.acknowledgedAdds(), ledger.acknowledgedModifies(), ledger.inFlightOutcomes());
    }
  }
}
