package io.mdbldap.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time and resident memory of a process at one moment, read from Linux's {@code /proc}:
 * the server's own cost, whatever the load driver spends on the same cores.
 *
 * @param cpuTicks user plus system time of all its threads, in clock ticks ({@code utime + stime})
 * @param rssKib its resident set size ({@code VmRSS}), mapped LMDB pages included, in KiB
 */
record ProcessSample(long cpuTicks, long rssKib) {
  /** Fields of /proc/PID/stat after the command name, which may hold spaces, counted from 0 (state). */
  private static final int UTIME = 11;
  private static final int STIME = 12;

  static ProcessSample of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String stat = Files.readString(proc.resolve("stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]);
    return new ProcessSample(ticks, rssKib(Files.readAllLines(proc.resolve("status")), proc));
  }

  private static long rssKib(Iterable<String> status, Path proc) {
    for (String line : status) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException(proc + "/status has no VmRSS line");
  }
}
