package io.mdbldap.server.interop;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import io.mdbldap.server.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mdbldap serve} as its own process, started as the launcher starts it, on a free loopback
 * port. Its output goes to files, not pipes: a pipe nobody drains would stall a busy server.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern ANNOUNCED = Pattern.compile("serving .* on ldap://127\\.0\\.0\\.1:(\\d+) \\(started in");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private int port;

  private ServeProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Runs {@code mdbldap serve -f conf -h ldap://127.0.0.1:0 args...} and waits until it announces its port. */
  static ServeProcess start(Path conf, String... args) throws IOException, InterruptedException {
    return start(List.of(), conf, args);
  }

  /** As {@link #start(Path, String...)}, with more options for the JVM, such as a heap size. */
  static ServeProcess start(List<String> jvmOptions, Path conf, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        // C1 only: starts in a third of the time on a small shared machine, where C2 compiles compete with the tests.
        "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "serve", "-f", conf.toString(), "-h", "ldap://127.0.0.1:0"));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(conf.getParent(), "serve-out", ".txt");
    Path stderr = Files.createTempFile(conf.getParent(), "serve-err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    ServeProcess served = new ServeProcess(process, stdout, stderr);
    try {
      served.awaitAnnouncement();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      served.close();
      throw e;
    }
    return served;
  }

  private void awaitAnnouncement() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher announced = ANNOUNCED.matcher(Files.readString(stdout));
      if (announced.find()) {
        port = Integer.parseInt(announced.group(1));
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError("mdbldap serve exited with " + process.exitValue() + " before serving:\n" + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("mdbldap serve did not announce itself within " + START_TIMEOUT + ":\n" + output());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** An anonymous connection; requests time out rather than hang if the server does. */
  LDAPConnection connect() throws LDAPException {
    LDAPConnectionOptions options = new LDAPConnectionOptions();
    options.setResponseTimeoutMillis(30_000);
    options.setBindWithDNRequiresPassword(false);
    return new LDAPConnection(options, "127.0.0.1", port);
  }

  /** Sends SIGKILL, {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
  void kill9() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start();
    if (kill.waitFor() != 0 || !process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("kill -9 " + process.pid() + " did not end the server");
    }
  }

  /** Sends SIGTERM and returns the exit code once the server has stopped cleanly. */
  int terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("mdbldap serve did not stop within 60 s of SIGTERM:\n" + output());
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process printed, for failure messages. */
  String output() {
    return read(stdout) + read(stderr);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")\n";
    }
  }

  /** Kills the process if it still runs: a test must never leave a server behind. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
