package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One workload against one server: {@code threads} connections, each sending one request after
 * the other to random users, first for the warm-up, then for the measured time. Only operations
 * that end inside the measured window count, and the server's CPU time is sampled at its edges.
 */
final class LoadRun {
  private static final int RESPONSE_TIMEOUT_MILLIS = 60_000;

  private final String host;
  private final int port;
  private final Workload workload;
  private final DataSet data;
  private final List<Worker> workers = new ArrayList<>();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private volatile boolean measuring;
  private volatile boolean stopped;

  LoadRun(String host, int port, Workload workload, DataSet data) {
    this.host = host;
    this.port = port;
    this.workload = workload;
    this.data = data;
  }

  /** Runs the workload and returns what it measured; {@code serverPid} is sampled around the measured time. */
  Result run(int threads, Duration warmUp, Duration measured, long serverPid, int ticksPerSecond)
      throws LDAPException, InterruptedException, IOException {
    for (int i = 0; i < threads; i++) {
      workers.add(new Worker(connect(), 0x5eed + i));
    }
    workers.forEach(Thread::start);
    Thread.sleep(warmUp.toMillis());
    ProcessSample before = ProcessSample.of(serverPid);
    long begin = System.nanoTime();
    measuring = true;
    Thread.sleep(measured.toMillis());
    measuring = false;
    long end = System.nanoTime();
    ProcessSample after = ProcessSample.of(serverPid);
    stopped = true;
    for (Worker worker : workers) {
      worker.join();
    }
    Latencies all = Latencies.sorted(workers.stream().map(w -> w.latencies).toList());
    double seconds = (end - begin) / 1e9;
    double cpuMillis = (after.cpuTicks() - before.cpuTicks()) * 1000.0 / ticksPerSecond;
    return new Result(workload, all.size() / seconds, all.mean() / 1e6, all.percentile(99) / 1e6,
        cpuMillis / all.size(), after.rssKib() / 1024.0, errors.get(), firstError.get());
  }

  private LDAPConnection connect() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    // One request at a time per connection: no reader thread, so less client CPU on shared cores.
    options.setUseSynchronousMode(true);
    options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
    LDAPConnection connection = new LDAPConnection(options, host, port);
    workload.prepare(connection, data);
    return connection;
  }

  private void failed(String what) {
    errors.incrementAndGet();
    firstError.compareAndSet(null, what);
  }

  /** One client thread with its own connection. */
  private final class Worker extends Thread {
    private final LDAPConnection connection;
    private final SplittableRandom random;
    final Latencies latencies = new Latencies();

    Worker(LDAPConnection connection, long seed) {
      super("load-" + seed);
      this.connection = connection;
      this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
      try (connection) {
        while (!stopped) {
          once(random.nextInt(data.users()));
        }
      }
    }

    private void once(int user) {
      long start = System.nanoTime();
      boolean right;
      try {
        right = workload.run(connection, data, user);
      } catch (LDAPException e) {
        failed(workload + " user" + user + ": " + e.getMessage());
        return;
      }
      long end = System.nanoTime();
      if (!right) {
        failed(workload + " user" + user + ": unexpected answer");
      } else if (measuring) {
        latencies.add(end - start);
      }
    }
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
