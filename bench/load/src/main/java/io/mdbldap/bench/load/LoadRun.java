package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One workload against one server: {@code threads} connections, each sending one request after
 * the other to random users, first for the warm-up, then for the measured time. Only operations
 * that end inside the measured window count, and the server's CPU time is sampled at its edges.
 */
final class LoadRun {
  private final Connections connections;
  private final Workload workload;
  private final DataSet data;
  private final Failures failures = new Failures();

  LoadRun(Connections connections, Workload workload, DataSet data) {
    this.connections = connections;
    this.workload = workload;
    this.data = data;
  }

  /** Runs the workload and returns what it measured; {@code serverPid} is sampled around the measured time. */
  Result run(int threads, Duration warmUp, Duration measured, long serverPid, int ticksPerSecond)
      throws LDAPException, InterruptedException, IOException {
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      clients.add(new Client(connections.open(c -> workload.prepare(c, data)), data, 0x5eed + i, random -> workload,
          failures, "load-" + i + "-"));
    }
    clients.forEach(Thread::start);
    Thread.sleep(warmUp.toMillis());
    ProcessSample before = ProcessSample.of(serverPid);
    long begin = System.nanoTime();
    clients.forEach(c -> c.record(true));
    Thread.sleep(measured.toMillis());
    clients.forEach(c -> c.record(false));
    long end = System.nanoTime();
    ProcessSample after = ProcessSample.of(serverPid);
    for (Client client : clients) {
      client.finish();
    }
    Latencies all = Latencies.sorted(clients.stream().map(Client::takeLatencies).toList());
    double seconds = (end - begin) / 1e9;
    double cpuMillis = (after.cpuTicks() - before.cpuTicks()) * 1000.0 / ticksPerSecond;
    List<String> first = failures.first();
    return new Result(workload, all.size() / seconds, all.mean() / 1e6, all.percentile(99) / 1e6,
        cpuMillis / all.size(), after.rssKib() / 1024.0, failures.count(), first.isEmpty() ? null : first.get(0));
  }

  /**
   * What one run measured.
   *
   * @param opsPerSecond operations completed in the measured window, per second
   * @param meanMillis their mean latency
   * @param p99Millis their 99th-percentile latency
   * @param serverCpuMillisPerOp the server's CPU time in the window, divided by the operations
   * @param rssMib the server's resident memory at the end of the window
   * @param errors failed or wrong answers, warm-up included
   * @param firstError the first of them, or null
   */
  record Result(Workload workload, double opsPerSecond, double meanMillis, double p99Millis,
      double serverCpuMillisPerOp, double rssMib, long errors, String firstError) {}
}
