// SPDX-License-Identifier: Apache-2.0
import com.unboundid.ldap.sdk.AsyncRequestID;
import com.unboundid.ldap.sdk.AsyncSearchResultListener;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of bench/load.sh: CONNECTIONS clients, each on its own connection bound as the rootdn,
 * running a mix of equality and substring searches, modifies, adds and deletes for DURATION seconds
 * against ldap://127.0.0.1:PORT, while one more connection runs a whole-subtree search that it reads
 * slowly, pausing after each entry, so that it lasts the whole run. Every REPORT seconds it prints the operations and errors of the
 * interval, p50/p99 latency, the server's RSS (from /proc) and the size of its data.mdb; at the end
 * the totals. Exits 1 if any operation failed.
 *
 * <p>Run by bench/load.sh as a single-file program: java -cp unboundid-ldapsdk.jar LoadHarness.java
 * PORT PID DATA_MDB USERS CONNECTIONS DURATION REPORT
 */
public final class LoadHarness {
  private static final String SUFFIX = "dc=example,dc=com";
  private static final String PEOPLE = "ou=people," + SUFFIX;
  private static final String ROOT_DN = "cn=admin," + SUFFIX;
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

  private final int port;
  private final long serverPid;
  private final Path dataFile;
  private final int users;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong errors = new AtomicLong();
  private final ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
  private final List<Worker> workers = new ArrayList<>();

  private LoadHarness(int port, long serverPid, Path dataFile, int users) {
    this.port = port;
    this.serverPid = serverPid;
    this.dataFile = dataFile;
    this.users = users;
  }

  public static void main(String[] args) throws Exception {
    LoadHarness harness = new LoadHarness(Integer.parseInt(args[0]), Long.parseLong(args[1]), Path.of(args[2]),
        Integer.parseInt(args[3]));
    System.exit(harness.run(Integer.parseInt(args[4]), Integer.parseInt(args[5]), Integer.parseInt(args[6])));
  }

  private int run(int connections, int seconds, int reportSeconds) throws Exception {
    // Read slowly enough that the search spans the whole run, whatever the number of entries.
    SlowSearch slow = new SlowSearch(connect(), Math.max(1, seconds * 1000L / users));
    for (int n = 0; n < connections; n++) {
      workers.add(new Worker(n, connect()));
    }
    System.out.printf("%d connections open (and one slow whole-subtree search); running %d s%n", connections + 1,
        seconds);
    System.out.println("   time      ops   ops/s  errors  p50 ms  p99 ms   RSS MiB  data.mdb MiB  slow search entries");
    workers.forEach(w -> w.thread.start());
    slow.start();
    long start = System.nanoTime();
    List<Long> all = new ArrayList<>();
    long totalOps = 0;
    long maxRss = 0;
    long firstRss = -1;
    for (long t = reportSeconds; t <= seconds; t += reportSeconds) {
      Thread.sleep(Math.max(0, (start + t * 1_000_000_000L - System.nanoTime()) / 1_000_000));
      long[] interval = drainLatencies();
      Arrays.sort(interval);
      for (long l : interval) {
        all.add(l);
      }
      totalOps += interval.length;
      long rss = rssKib();
      maxRss = Math.max(maxRss, rss);
      firstRss = firstRss < 0 ? rss : firstRss;
      System.out.printf("%6d s %8d %7d %7d %7.2f %7.2f %9d %13d  %d%n", t, interval.length,
          interval.length / reportSeconds, errors.get(), percentile(interval, 50), percentile(interval, 99),
          rss >> 10, Files.size(dataFile) >> 20, slow.entries.get());
    }
    stop.set(true);
    for (Worker worker : workers) {
      worker.thread.join();
      worker.connection.close();
    }
    slow.connection.close();
    long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("total: %d operations on %d connections in %d s (%d/s), %d errors, p50 %.2f ms, "
            + "p99 %.2f ms, p99.9 %.2f ms; RSS first %d MiB, max %d MiB; data.mdb %d MiB; slow search read %d "
            + "entries%s%n", totalOps, connections, seconds, totalOps / seconds, errors.get(),
        percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9), firstRss >> 10, maxRss >> 10,
        Files.size(dataFile) >> 20, slow.entries.get(), slow.done.getCount() == 0 ? " (finished)" : " (still running)");
    firstErrors.forEach(e -> System.out.println("error: " + e));
    return errors.get() == 0 ? 0 : 1;
  }

  private long[] drainLatencies() {
    List<long[]> chunks = new ArrayList<>();
    for (Worker worker : workers) {
      chunks.add(worker.takeLatencies());
    }
    return chunks.stream().flatMapToLong(Arrays::stream).toArray();
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, index)] / 1e6;
  }

  private long rssKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private LDAPConnection connect() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setResponseTimeoutMillis(60_000);
    LDAPConnection connection = new LDAPConnection(options, "127.0.0.1", port);
    connection.bind(ROOT_DN, "secret");
    return connection;
  }

  private void failed(String what, LDAPException e) {
    if (errors.incrementAndGet() <= 10) {
      firstErrors.add(what + ": " + e.getResultCode() + " " + e.getDiagnosticMessage());
    }
  }

  /** One client: 60% equality searches, 20% substring searches, 10% modifies, 5% adds, 5% deletes of its adds. */
  private final class Worker {
    final LDAPConnection connection;
    final Thread thread;
    private final Random random;
    private final String prefix;
    private final List<String> added = new ArrayList<>();
    private long[] buffer = new long[1024];
    private int count;
    private int next;

    Worker(int n, LDAPConnection connection) {
      this.connection = connection;
      this.random = new Random(n);
      // Unique per run too: a kept WORK database still holds the adds of earlier runs.
      this.prefix = "load" + RUN + "-" + n + "-";
      this.thread = new Thread(this::run, "worker-" + n);
    }

    private void run() {
      while (!stop.get()) {
        int dice = random.nextInt(100);
        long begin = System.nanoTime();
        String what = "";
        try {
          if (dice < 60) {
            what = "search uid";
            connection.search(PEOPLE, SearchScope.SUB, "(uid=user" + random.nextInt(users) + ")", "cn", "mail");
          } else if (dice < 80) {
            what = "search cn";
            connection.search(new SearchRequest(PEOPLE, SearchScope.SUB, "(cn=*" + random.nextInt(users) + ")",
                "1.1"));
          } else if (dice < 90) {
            what = "modify";
            connection.modify("uid=user" + random.nextInt(users) + "," + PEOPLE, new Modification(
                ModificationType.REPLACE, "description", "changed " + begin));
          } else if (dice < 95 || added.isEmpty()) {
            what = "add";
            String uid = prefix + next++;
            connection.add("uid=" + uid + "," + PEOPLE, new Attribute("objectClass", "inetOrgPerson"),
                new Attribute("uid", uid), new Attribute("cn", "Load " + uid), new Attribute("sn", "Load"),
                new Attribute("mail", uid + "@load.example.com"));
            added.add(uid);
          } else {
            what = "delete";
            connection.delete("uid=" + added.remove(random.nextInt(added.size())) + "," + PEOPLE);
          }
        } catch (LDAPException e) {
          failed(what, e);
        }
        record(System.nanoTime() - begin);
      }
    }

    private synchronized void record(long nanos) {
      if (count == buffer.length) {
        buffer = Arrays.copyOf(buffer, buffer.length * 2);
      }
      buffer[count++] = nanos;
    }

    synchronized long[] takeLatencies() {
      long[] taken = Arrays.copyOf(buffer, count);
      count = 0;
      return taken;
    }
  }

  /** A whole-subtree search read slowly, a pause after each entry, so that it spans minutes of writes. */
  private final class SlowSearch implements AsyncSearchResultListener {
    final LDAPConnection connection;
    final AtomicLong entries = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);
    private final long pauseMillis;

    SlowSearch(LDAPConnection connection, long pauseMillis) {
      this.connection = connection;
      this.pauseMillis = pauseMillis;
    }

    void start() throws LDAPException {
      SearchRequest request = new SearchRequest(this, SUFFIX, SearchScope.SUB, "(objectClass=*)");
      // It is meant to last the whole run: no response timeout.
      request.setResponseTimeoutMillis(0L);
      connection.asyncSearch(request);
    }

    @Override
    public void searchEntryReturned(SearchResultEntry entry) {
      entries.incrementAndGet();
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void searchReferenceReturned(SearchResultReference reference) {}

    @Override
    public void searchResultReceived(AsyncRequestID requestID, SearchResult result) {
      if (result.getResultCode().intValue() != 0 && !stop.get()) {
        failed("slow search", new LDAPException(result));
      }
      done.countDown();
    }
  }
}
