package io.mdbldap.bench.load;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Command line of the load driver: one workload against one server, one result line on standard
 * output, tab-separated: workload, ops/s, mean ms, p99 ms, server CPU ms per operation, server RSS
 * MiB, errors. The exit status is 1 if any answer was wrong or failed, after the line.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Drives an LDAP server holding bench/ldif-gen.py's data with one workload for a fixed time.")
public final class LoadDriver implements Callable<Integer> {
  @Mixin
  Target target;

  @Option(names = "--workload", required = true, description = "One of: ${COMPLETION-CANDIDATES}.")
  Workload workload;

  @Option(names = "--unit-size", defaultValue = "1000", description = "Entries in the ou=unit subtree (default: ${DEFAULT-VALUE}).")
  int unitSize;

  @Option(names = "--threads", defaultValue = "8", description = "Client threads, one connection each (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds of warm-up, not measured (default: ${DEFAULT-VALUE}).")
  int warmUpSeconds;

  @Option(names = "--duration", defaultValue = "20", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--clk-tck", defaultValue = "100", description = "Clock ticks per second of /proc times (getconf CLK_TCK).")
  int ticksPerSecond;

  /** Runs the driver; see the class comment for the output. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadDriver()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    LoadRun.Result r = new LoadRun(target.connections(), workload, target.data(unitSize))
        .run(threads, Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds), target.pid, ticksPerSecond);
    System.out.printf(Locale.ROOT, "%s\t%.1f\t%.3f\t%.3f\t%.4f\t%.0f\t%d%n", r.workload().name().toLowerCase(Locale.ROOT),
        r.opsPerSecond(), r.meanMillis(), r.p99Millis(), r.serverCpuMillisPerOp(), r.rssMib(), r.errors());
    if (r.errors() > 0) {
      System.err.println(r.errors() + " failed or wrong answers; the first: " + r.firstError());
      return 1;
    }
    return 0;
  }
}
