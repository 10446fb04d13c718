package io.mdbldap.server.cli;

import io.mdbldap.conf.ConfigException;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.cli.ConfigFile;
import io.mdbldap.server.MdbLdapServer;
import io.mdbldap.server.StartupException;
import io.mdbldap.server.load.EmptyDatabaseLoader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mdbldap serve}: runs the server, as slapd does, until SIGTERM or SIGINT. */
@Command(name = "serve", sortOptions = false, separator = " ",
    description = "Runs the directory server until SIGTERM or SIGINT (Ctrl-C), which stop it cleanly.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  ConfigFile config;

  @Option(names = "-h", paramLabel = "URLS", split = "\\s+", hideParamSyntax = true,
      converter = ListenUrl.class,
      description = "Listen on these URLs instead of the configuration's: space-separated, as slapd's -h "
          + "(for example \"ldap://127.0.0.1:1389 ldap://[::1]:1389\"; port 0 picks a free port).")
  List<URI> listen;

  @Option(names = "-l", paramLabel = "LDIF",
      description = "Load this LDIF file into each database that holds no entries yet (so: on the first start), "
          + "before serving.")
  Path ldif;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws ConfigException, StartupException, InterruptedException {
    ServerConfig config = listeningOn(this.config.parse());
    Logging.setLevel(config.logLevel());
    MdbLdapServer server = MdbLdapServer.open(config);
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered at once, so that a signal while an LDIF file loads still closes the databases.
    Thread hook = new Thread(() -> stop(server, config, stopped), "mdbldap-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      serve(config, server);
    } catch (StartupException | RuntimeException e) {
      withdraw(hook);
      close(server, config);
      throw e;
    }
    stopped.await();
    return 0;
  }

  private void serve(ServerConfig config, MdbLdapServer server) throws StartupException {
    ProcessFiles.write(config, spec.commandLine().getParseResult().originalArgs());
    if (ldif != null) {
      report(EmptyDatabaseLoader.load(server.directoryService(), config.databases(), ldif));
    }
    server.listen();
    announce(config, server.localAddresses());
  }

  private static void withdraw(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already exiting, and the hook closing the server: closing twice is harmless.
    }
  }

  private ServerConfig listeningOn(ServerConfig c) {
    if (listen == null) {
      return c;
    }
    return c.withListen(listen);
  }

  private void stop(MdbLdapServer server, ServerConfig config, CountDownLatch stopped) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("mdbldap: stopping");
    err.flush();
    close(server, config);
    err.println("mdbldap: stopped");
    err.flush();
    stopped.countDown();
  }

  private static void close(MdbLdapServer server, ServerConfig config) {
    server.close();
    ProcessFiles.delete(config);
  }

  private void report(List<EmptyDatabaseLoader.Outcome> outcomes) {
    PrintWriter out = spec.commandLine().getOut();
    for (EmptyDatabaseLoader.Outcome outcome : outcomes) {
      out.println(outcome.wasEmpty()
          ? "loaded " + outcome.loaded() + " entries from " + ldif + " into " + outcome.database().suffix()
          : outcome.database().suffix() + " already holds entries: " + ldif + " not loaded into it");
    }
    out.flush();
  }

  /** Says the server is up, and how to query it: the front door of a fresh clone. */
  private void announce(ServerConfig config, List<InetSocketAddress> addresses) {
    List<String> urls = IntStream.range(0, addresses.size())
        .mapToObj(i -> url(config.listen().get(i), addresses.get(i)))
        .toList();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "mdbldap %s serving %s on %s (started in %.1f s)%n", VersionProvider.version(),
        config.databases().stream().map(db -> db.suffix().getName()).collect(Collectors.joining(", ")),
        String.join(" ", urls), ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
    out.printf("Try: ldapsearch -x -H %s -b %s%n", urls.get(0), shellWord(config.databases().get(0)));
    out.flush();
  }

  /** The URL clients reach a listen address at: the bound port, and loopback for "every interface". */
  private static String url(URI listen, InetSocketAddress address) {
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return listen.getScheme() + "://" + host + ":" + address.getPort();
  }

  private static String shellWord(DatabaseConfig database) {
    String suffix = database.suffix().getName();
    return suffix.matches("[A-Za-z0-9=,.+_-]+") ? suffix : "'" + suffix.replace("'", "'\\''") + "'";
  }
}
