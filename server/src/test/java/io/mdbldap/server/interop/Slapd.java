package io.mdbldap.server.interop;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real OpenLDAP slapd with back-mdb, run by a test as the current user on a free loopback port,
 * configured from the shipped {@code conf/slapd.conf} itself: same schema files, suffix, rootdn,
 * rootpw, limits, indexes and access rules, so that a difference in answers is a difference in the
 * servers, not in their configurations.
 */
final class Slapd implements AutoCloseable {
  static final Path SLAPD = Path.of("/usr/sbin/slapd");
  static final Path SLAPADD = Path.of("/usr/sbin/slapadd");
  /** Debian's back_mdb.so; back-mdb is a module there, not built in. */
  private static final Path MODULES = Path.of("/usr/lib/ldap");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern INCLUDE = Pattern.compile("^include\\s+(\\S+)\\s*$");

  private final Process process;
  private final Path directory;
  private final int port;

  private Slapd(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  int port() {
    return port;
  }

  static boolean installed() {
    return Files.isExecutable(SLAPD) && Files.isExecutable(SLAPADD);
  }

  /**
   * Writes slapd.conf into {@code directory}, from the shipped one with {@code edit} applied to its
   * text, loads {@code ldif} with slapadd and starts slapd.
   */
  static Slapd start(Path directory, Path ldif, UnaryOperator<String> edit) throws IOException, InterruptedException {
    Path conf = writeConf(directory, edit);
    run(directory, SLAPADD.toString(), "-f", conf.toString(), "-l", ldif.toString());
    int port = freePort();
    // -d 0: stay in the foreground, so that this Process is slapd itself, which close() stops.
    Process process = new ProcessBuilder(SLAPD.toString(), "-d", "0", "-f", conf.toString(),
        "-h", "ldap://127.0.0.1:" + port + "/")
        .redirectErrorStream(true).redirectOutput(directory.resolve("slapd.log").toFile()).start();
    Slapd slapd = new Slapd(process, directory, port);
    try {
      slapd.awaitListening();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      slapd.close();
      throw e;
    }
    return slapd;
  }

  /**
   * The shipped slapd.conf, with what only mdbldap understands or what must point elsewhere
   * rewritten: schema includes made absolute (slapd resolves them against its working directory,
   * mdbldap against the file's), {@code listen} dropped (slapd takes -h), {@code directory} moved
   * here, back_mdb loaded, a pid file added.
   */
  static Path writeConf(Path directory, UnaryOperator<String> edit) throws IOException {
    Path database = Files.createDirectories(directory.resolve("db"));
    List<String> lines = new ArrayList<>(List.of(
        "modulepath " + MODULES,
        "moduleload back_mdb",
        "pidfile " + directory.resolve("slapd.pid"),
        "argsfile " + directory.resolve("slapd.args")));
    for (String line : edit.apply(Files.readString(ShippedConf.slapdConf())).split("\n")) {
      Matcher include = INCLUDE.matcher(line);
      if (include.matches()) {
        lines.add("include " + ShippedConf.DIRECTORY.resolve(include.group(1)));
      } else if (line.startsWith("directory")) {
        lines.add("directory " + database);
      } else if (!line.startsWith("listen")) {
        lines.add(line);
      }
    }
    Path conf = directory.resolve("slapd.conf");
    Files.write(conf, lines);
    return conf;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("slapd exited with " + process.exitValue() + ":\n" + log());
      }
      try (LDAPConnection probe = connect()) {
        probe.getRootDSE();
        return;
      } catch (LDAPException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("slapd did not answer on port " + port + " within " + START_TIMEOUT + ":\n" + log());
  }

  LDAPConnection connect() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setResponseTimeoutMillis(30_000);
    options.setBindWithDNRequiresPassword(false);
    return new LDAPConnection(options, "127.0.0.1", port);
  }

  String log() throws IOException {
    return Files.readString(directory.resolve("slapd.log"));
  }

  /** SIGTERM, which slapd answers by closing its databases; SIGKILL if that takes too long. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** A port free now; slapd takes it a moment later (it cannot be told to take port 0 and say which). */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(Path directory, String... command) throws IOException, InterruptedException {
    Path log = directory.resolve(Path.of(command[0]).getFileName() + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
          + Files.readString(log));
    }
  }
}
