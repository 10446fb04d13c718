package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The load of bench/load.sh: many clients, each on its own connection bound as the rootdn, sending
 * a {@link Mix} of reads and writes for a fixed time, while one more connection runs a
 * {@link SlowSearch} of the whole suffix. Every {@code --report} seconds it prints the operations,
 * errors, p50/p99 latency of the interval, the server's RSS and the size of its data.mdb; at the
 * end the totals. The exit status is 1 if any operation failed or answered wrongly.
 */
@Command(name = "mixed-load", mixinStandardHelpOptions = true,
    description = "Drives an LDAP server holding bench/ldif-gen.py's data with a mix of reads and writes.")
public final class MixedLoad implements Callable<Integer> {
  @Mixin
  Target target;

  @Option(names = "--data-file", required = true, description = "The server's data.mdb, whose size is reported.")
  Path dataFile;

  @Option(names = "--connections", defaultValue = "200", description = "Clients, one connection each (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--duration", defaultValue = "600", description = "Seconds (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--report", defaultValue = "30", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  int reportSeconds;

  @Option(names = "--mix", defaultValue = "eq:60,sub:20,modify:10,add:5,delete:5",
      description = "Workloads and their weights (default: ${DEFAULT-VALUE}).")
  String mix;

  private final Failures failures = new Failures();
  private final List<Client> clients = new ArrayList<>();

  /** Runs the load; see the class comment for the output. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new MixedLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Mix weighted;
    try {
      weighted = Mix.parse(mix);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    for (Workload workload : weighted.workloads()) {
      if (workload == Workload.BIND) {
        // Every client is bound as the rootdn for the writes: a user's bind would end that.
        System.err.println("mix \"" + mix + "\": bind cannot be mixed with the writes of the rootdn");
        return 2;
      }
    }
    DataSet data = target.data(0);
    Connections servers = target.connections();
    Connections.Setup asRootDn = c -> Workload.bindAsRootDn(c, data);
    // Slowly enough that the search spans the whole run, whatever the number of entries.
    SlowSearch slow = new SlowSearch(servers.openAsynchronous(asRootDn), Math.max(1, seconds * 1000L / target.users), failures);
    // Unique per run: a kept database still holds the adds of earlier runs.
    String run = Long.toString(System.currentTimeMillis(), 36);
    for (int n = 0; n < connections; n++) {
      LDAPConnection connection = servers.open(asRootDn);
      clients.add(new Client(connection, data, n, weighted::next, failures, "load" + run + "-" + n + "-"));
    }
    System.out.printf("%d connections open (and one slow whole-subtree search); running %d s of %s%n",
        connections + 1, seconds, weighted);
    System.out.println("   time      ops   ops/s  errors  p50 ms  p99 ms   RSS MiB  data.mdb MiB  slow search entries");
    clients.forEach(c -> c.record(true));
    clients.forEach(Thread::start);
    slow.start(target.suffix);
    report(slow);
    return failures.count() == 0 ? 0 : 1;
  }

  private void report(SlowSearch slow) throws InterruptedException, IOException, LDAPException {
    long start = System.nanoTime();
    List<Latencies> intervals = new ArrayList<>();
    long firstRss = -1;
    long maxRss = 0;
    for (long t = reportSeconds; t <= seconds; t += reportSeconds) {
      Thread.sleep(Math.max(0, (start + t * 1_000_000_000L - System.nanoTime()) / 1_000_000));
      Latencies interval = Latencies.sorted(clients.stream().map(Client::takeLatencies).toList());
      intervals.add(interval);
      long rss = ProcessSample.of(target.pid).rssKib();
      maxRss = Math.max(maxRss, rss);
      firstRss = firstRss < 0 ? rss : firstRss;
      System.out.printf(Locale.ROOT, "%6d s %8d %7d %7d %7.2f %7.2f %9d %13d  %d%n", t, interval.size(),
          interval.size() / reportSeconds, failures.count(), interval.percentile(50) / 1e6,
          interval.percentile(99) / 1e6, rss >> 10, Files.size(dataFile) >> 20, slow.entries());
    }
    for (Client client : clients) {
      client.finish();
    }
    // Before the stop, which ends the search if it still runs.
    boolean slowFinished = slow.finished();
    slow.stop();
    Latencies all = Latencies.sorted(intervals);
    System.out.printf(Locale.ROOT, "total: %d operations on %d connections in %d s (%d/s), %d errors, p50 %.2f ms, "
            + "p99 %.2f ms, p99.9 %.2f ms; RSS first %d MiB, max %d MiB; data.mdb %d MiB; slow search read %d "
            + "entries%s%n", all.size(), connections, seconds, all.size() / seconds, failures.count(),
        all.percentile(50) / 1e6, all.percentile(99) / 1e6, all.percentile(99.9) / 1e6, firstRss >> 10,
        maxRss >> 10, Files.size(dataFile) >> 20, slow.entries(), slowFinished ? " (finished)" : " (still running)");
    failures.first().forEach(e -> System.out.println("error: " + e));
  }
}
