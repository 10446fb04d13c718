package io.mdbldap.server.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input (issue #6): {@code mdbldap serve}, in its own JVM with a 256 MiB heap, is sent
 * {@value #DEFAULT_PDUS} PDUs over raw sockets, most of them valid requests mutated by {@link
 * Mutator} (flipped bytes, truncations, 2 GiB lengths, wrong tags, invalid UTF-8, sequences and
 * filters nested thousands deep, garbage). Meanwhile a well-behaved client on its own connection
 * checks, again and again, that the data reads as loaded. At the end the server is still up, its
 * heap after a full collection has not grown, and its log holds no crash and no flood.
 *
 * <p>Deterministic by seed ({@code -Dhostile.seed=N}, printed); {@code -Dhostile.pdus=N} sends
 * more or fewer.
 */
class HostileInputTest {
  private static final int DEFAULT_PDUS = 100_000;
  /** Heap growth allowed over the run, after full collections: far less than the PDUs' bytes. */
  private static final long HEAP_GROWTH_LIMIT = 48L << 20;
  private static final Pattern USED =
      Pattern.compile("(?m)^ *(?:def new|tenured) generation +total \\d+K, used (\\d+)K");

  @TempDir
  Path directory;

  @Test
  // A server that stops reading would block the fuzzer's writes for ever: fail instead.
  @Timeout(value = 6, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void serverSurvivesHostilePdusAndKeepsAnswering() throws Exception {
    long seed = Long.getLong("hostile.seed", 6_2026L);
    int pdus = Integer.getInteger("hostile.pdus", DEFAULT_PDUS);
    System.out.println("hostile input with -Dhostile.seed=" + seed);
    Path conf = ShippedConf.copyTo(directory, text -> text);
    try (ServeProcess server = ServeProcess.start(List.of("-Xmx256m", "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError"), conf, "-l", conf.resolveSibling("example.ldif").toString())) {
      addFuzzContainer(server);
      Set<String> people = people(server);
      long heapBefore = heapAfterGc(server);
      Fuzzer fuzzer = new Fuzzer(server.port(), new Random(seed));
      try (Checker checker = Checker.start(server, people)) {
        try {
          fuzzer.send(pdus);
        } catch (IOException e) {
          throw new AssertionError("after " + fuzzer.sent + " PDUs: " + e + "\n" + tail(server.output()), e);
        }
        checker.stopAndAssertHealthy();
        System.out.printf("%d PDUs sent on %d connections (%d closed by the server), %d checks by a "
            + "well-behaved client, all correct%n", fuzzer.sent, fuzzer.connections, fuzzer.closedByServer,
            checker.checks.get());
      }
      assertTrue(server.isAlive(), "the server died:\n" + tail(server.output()));
      assertEquals(people, people(server), "the data changed under the fuzzer");
      long heapAfter = heapAfterGc(server);
      System.out.printf("heap after full GC: %d KiB before, %d KiB after%n", heapBefore >> 10, heapAfter >> 10);
      assertTrue(heapAfter - heapBefore < HEAP_GROWTH_LIMIT, "the heap grew from " + heapBefore + " to " + heapAfter);
      String output = server.output();
      assertFalse(output.contains("Error"), "the server logged an error:\n" + tail(output));
      assertTrue(output.length() < 200_000, "the server logged " + output.length() + " chars:\n" + tail(output));
    }
  }

  private static void addFuzzContainer(ServeProcess server) throws Exception {
    try (LDAPConnection root = server.connect()) {
      root.bind(ShippedConf.ROOT_DN, ShippedConf.ROOT_PW);
      root.add("dn: " + Pdus.FUZZ_CONTAINER, "objectClass: organizationalUnit", "ou: Fuzz");
    }
  }

  /** The uid and cn of each person, as an anonymous client reads them. */
  static Set<String> people(ServeProcess server) throws LDAPException {
    try (LDAPConnection connection = server.connect()) {
      return people(connection);
    }
  }

  private static Set<String> people(LDAPConnection connection) throws LDAPException {
    Set<String> people = new TreeSet<>();
    for (SearchResultEntry entry : connection.search("ou=People," + ShippedConf.SUFFIX, SearchScope.ONE,
        "(objectClass=inetOrgPerson)", "uid", "cn").getSearchEntries()) {
      people.add(entry.getAttributeValue("uid") + "/" + entry.getAttributeValue("cn"));
    }
    return people;
  }

  /** Bytes of live objects in the server's heap, after a full collection ({@code jcmd}). */
  private static long heapAfterGc(ServeProcess server) throws IOException, InterruptedException {
    jcmd(server, "GC.run");
    Matcher used = USED.matcher(jcmd(server, "GC.heap_info"));
    long kib = 0;
    int generations = 0;
    while (used.find()) {
      kib += Long.parseLong(used.group(1));
      generations++;
    }
    assertEquals(2, generations, "cannot read the heap use from jcmd GC.heap_info");
    return kib << 10;
  }

  private static String jcmd(ServeProcess server, String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(server.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, jcmd.waitFor(), "jcmd " + command + ": " + output);
    return output;
  }

  private static String tail(String output) {
    return output.length() < 20_000 ? output : output.substring(output.length() - 20_000);
  }

  /**
   * Sends PDUs on raw connections, a few to each, reading and dropping whatever comes back so that
   * the server never waits on a full socket; a new connection whenever the server closes one.
   */
  private static final class Fuzzer {
    private final int port;
    private final Random random;
    private final Pdus pdus;
    private final Mutator mutator;
    private final byte[] scratch = new byte[65_536];
    int sent;
    int connections;
    int closedByServer;

    Fuzzer(int port, Random random) {
      this.port = port;
      this.random = random;
      this.pdus = new Pdus(random);
      this.mutator = new Mutator(random);
    }

    void send(int count) throws IOException {
      while (sent < count) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
          socket.setSoLinger(true, 0);
          connections++;
          sendSome(socket.getOutputStream(), socket.getInputStream(), count);
        }
      }
    }

    private void sendSome(OutputStream out, InputStream in, int count) throws IOException {
      try {
        out.write(pdus.bind());
        sent++;
        for (int n = random.nextInt(12); n > 0 && sent < count; n--) {
          out.write(next());
          sent++;
          drain(in);
        }
        drain(in);
      } catch (IOException e) {
        closedByServer++;
      }
    }

    /** Half valid requests, half hostile variants, and now and then a filter thousands deep. */
    private byte[] next() {
      int kind = random.nextInt(20);
      if (kind == 0) {
        return pdus.search(pdus.deepFilter(200 + random.nextInt(8_000)));
      }
      byte[] request = random.nextBoolean() ? pdus.bind() : pdus.request();
      return kind < 10 ? request : mutator.mutate(request);
    }

    private void drain(InputStream in) throws IOException {
      while (in.available() > 0) {
        if (in.read(scratch) < 0) {
          throw new IOException("closed");
        }
      }
    }
  }

  /** A well-behaved client that reads the people again and again on one connection, until stopped. */
  private static final class Checker implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger checks = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private Checker(ServeProcess server, Set<String> expected) {
      thread = new Thread(() -> run(server, expected), "well-behaved-client");
    }

    static Checker start(ServeProcess server, Set<String> expected) {
      Checker checker = new Checker(server, expected);
      checker.thread.start();
      return checker;
    }

    private void run(ServeProcess server, Set<String> expected) {
      try (LDAPConnection connection = server.connect()) {
        while (!stop.get()) {
          Set<String> found = people(connection);
          if (!found.equals(expected)) {
            failures.add("check " + checks.get() + " read " + found);
          }
          checks.incrementAndGet();
          Thread.sleep(50);
        }
      } catch (LDAPException | InterruptedException | RuntimeException e) {
        failures.add("check " + checks.get() + " failed: " + e);
      }
    }

    void stopAndAssertHealthy() throws InterruptedException {
      stop.set(true);
      thread.join(60_000);
      assertTrue(failures.isEmpty(), "the well-behaved client saw: " + failures.stream().limit(5)
          .collect(Collectors.joining("\n")));
      assertTrue(checks.get() >= 20, "too few checks to mean anything: " + checks.get());
    }

    @Override
    public void close() {
      stop.set(true);
    }
  }
}
