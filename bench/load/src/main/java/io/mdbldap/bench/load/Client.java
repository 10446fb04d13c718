package io.mdbldap.bench.load;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One client thread with its own connection: it sends one request after the other, each a
 * workload that {@code next} picks, aimed at a random user, until {@link #finish}. While
 * {@link #record} is on, it keeps the latency of every right answer; wrong or failed answers go
 * to the run's {@link Failures}, whether recorded or not.
 */
final class Client extends Thread {
  private final LDAPConnection connection;
  private final DataSet data;
  private final SplittableRandom random;
  private final Function<SplittableRandom, Workload> next;
  private final Failures failures;
  private final String addPrefix;
  /** The uids this client added and has not deleted yet, for {@link Workload#DELETE}. */
  private final List<String> added = new ArrayList<>();
  private int adds;
  private Latencies latencies = new Latencies();
  private volatile boolean recording;
  private volatile boolean stopped;

  /**
   * @param seed seeds the random users and workloads, so that every run sends the same sequence
   * @param addPrefix starts the uid of each entry this client adds: unique per client and run,
   *     since a kept database still holds the adds of earlier runs
   */
  Client(LDAPConnection connection, DataSet data, long seed, Function<SplittableRandom, Workload> next,
      Failures failures, String addPrefix) {
    super("load-" + seed);
    this.connection = connection;
    this.data = data;
    this.random = new SplittableRandom(seed);
    this.next = next;
    this.failures = failures;
    this.addPrefix = addPrefix;
  }

  LDAPConnection connection() {
    return connection;
  }

  DataSet data() {
    return data;
  }

  /** A uid for a new entry of this client's own, remembered for a later delete. */
  String newUid() {
    String uid = addPrefix + adds++;
    added.add(uid);
    return uid;
  }

  /** One of the uids this client added, forgotten; null if none is left. */
  String takeAddedUid() {
    return added.isEmpty() ? null : added.remove(random.nextInt(added.size()));
  }

  void record(boolean on) {
    recording = on;
  }

  /** Stops the thread after its current request and waits for it; closes the connection. */
  void finish() throws InterruptedException {
    stopped = true;
    join();
  }

  /** The latencies recorded since the last call (or the start), leaving none behind. */
  synchronized Latencies takeLatencies() {
    Latencies taken = latencies;
    latencies = new Latencies();
    return taken;
  }

  private synchronized void keep(long nanos) {
    latencies.add(nanos);
  }

  @Override
  public void run() {
    try (connection) {
      while (!stopped) {
        once(next.apply(random), random.nextInt(data.users()));
      }
    }
  }

  private void once(Workload workload, int user) {
    long start = System.nanoTime();
    boolean right;
    try {
      right = workload.run(this, user);
    } catch (LDAPException e) {
      failures.add(workload + " user" + user + ": " + e.getResultCode() + " " + e.getMessage());
      return;
    }
    long end = System.nanoTime();
    if (!right) {
      failures.add(workload + " user" + user + ": unexpected answer");
    } else if (recording) {
      keep(end - start);
    }
  }
}
