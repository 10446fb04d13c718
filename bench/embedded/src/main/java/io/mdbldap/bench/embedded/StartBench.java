package io.mdbldap.bench.embedded;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One measurement in a fresh JVM: {@code StartBench <ours|unboundid|apacheds> <ldif|-> <resets>}
 * prints {@code start_ms=... reset_ms=... rss_mib=... warm_ms=...}:
 *
 * <ul>
 *   <li>start_ms: from just before the directory is built to the first successful simple bind
 *       over LDAP, fixture loaded; class loading included, since a test run pays it too;
 *   <li>reset_ms: the median over {@code resets} rounds of (modify an entry, put the fixture
 *       back), timing the putting back; -1 if the directory has no reset;
 *   <li>rss_mib: the process's resident memory after the resets (VmRSS);
 *   <li>warm_ms: start to first bind of a second directory alike, in the same JVM once the first
 *       is closed: what every test class after the first pays.
 * </ul>
 */
public final class StartBench {
  private static final Map<String, Supplier<Candidate>> CANDIDATES =
      Map.of("ours", Ours::new, "unboundid", UnboundId::new, "apacheds", ApacheDs::new);

  private StartBench() {}

  /** Runs one measurement; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path ldif = args[1].equals("-") ? null : Path.of(args[1]);
    long begin = System.nanoTime();
    Candidate candidate = CANDIDATES.get(args[0]).get();
    candidate.start(ldif);
    double resetMillis;
    long rss;
    try (LDAPConnection connection = bound(candidate)) {
      long startNanos = System.nanoTime() - begin;
      resetMillis = resets(candidate, connection, ldif, Integer.parseInt(args[2]));
      rss = rssMib();
      System.out.printf("start_ms=%.0f reset_ms=%.2f rss_mib=%d ", startNanos / 1e6, resetMillis, rss);
    } finally {
      candidate.close();
    }
    System.out.printf("warm_ms=%.0f%n", warmStart(args[0], ldif));
  }

  /** Start to first bind of a second directory in this JVM, or -1 if it does not start. */
  private static double warmStart(String name, Path ldif) throws Exception {
    long begin = System.nanoTime();
    Candidate second = CANDIDATES.get(name).get();
    try {
      second.start(ldif);
      try (LDAPConnection connection = bound(second)) {
        return (System.nanoTime() - begin) / 1e6;
      } finally {
        second.close();
      }
    } catch (Exception e) {
      System.err.println("the second " + name + " directory did not start: " + e);
      return -1;
    }
  }

  private static LDAPConnection bound(Candidate candidate) throws Exception {
    LDAPConnection connection = new LDAPConnection("127.0.0.1", candidate.port());
    connection.bind(candidate.bindDn(), candidate.password());
    return connection;
  }

  private static double resets(Candidate candidate, LDAPConnection connection, Path ldif, int rounds)
      throws Exception {
    if (ldif == null || rounds == 0) {
      return -1;
    }
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      connection.modify("ou=people,dc=example,dc=com",
          new Modification(ModificationType.REPLACE, "description", "round " + i));
      nanos[i] = candidate.reset();
      if (nanos[i] < 0) {
        return -1;
      }
    }
    Arrays.sort(nanos);
    return nanos[rounds / 2] / 1e6;
  }

  private static long rssMib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }
}
