package io.mdbldap.server;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.load.EmptyDatabaseLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server started in this JVM from a copy of the shipped {@code conf/} directory (slapd.conf,
 * schema files, example.ldif) in a temporary directory, listening on a free loopback port, with
 * the sample entries loaded as {@code serve -l conf/example.ldif} loads them.
 *
 * <p>A test class that only needs the shipped configuration registers one for all its tests:
 * {@code @RegisterExtension static final TestServer server = TestServer.perClass();}.
 */
final class TestServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final String SUFFIX = "dc=example,dc=com";
  static final String ROOT_DN = "cn=admin,dc=example,dc=com";
  static final String ROOT_PW = "secret";
  /** An entry of example.ldif, with the sample password. */
  static final String USER_DN = "uid=jdoe,ou=People,dc=example,dc=com";
  static final String USER_PW = "password";

  private static final Path SHIPPED_CONF = Path.of("..", "conf").toAbsolutePath().normalize();

  private Path configFile;
  /** The directory {@link #perClass()} made for itself, removed after the class. */
  private Path ownDirectory;
  private MdbLdapServer server;
  private List<EmptyDatabaseLoader.Outcome> loaded;

  private TestServer() {}

  private TestServer(Path configFile) throws Exception {
    this.configFile = configFile;
    start();
  }

  /**
   * The shipped configuration, started before the first test of the class that registers it and
   * closed, with its temporary directory, after the last.
   */
  static TestServer perClass() {
    return new TestServer();
  }

  /** The shipped configuration, in {@code directory}/conf, served on a free port. */
  static TestServer start(Path directory) throws Exception {
    return start(directory, config -> config);
  }

  /** As {@link #start(Path)}, with {@code edit} applied to the text of slapd.conf. */
  static TestServer start(Path directory, UnaryOperator<String> edit) throws Exception {
    return new TestServer(copyConf(directory, edit));
  }

  /** A server on an existing configuration file, as a restart of an earlier test server. */
  static TestServer open(Path configFile) throws Exception {
    return new TestServer(configFile);
  }

  /** Copies the shipped conf/ into {@code directory}/conf, listening on port 0; returns its slapd.conf. */
  static Path copyConf(Path directory, UnaryOperator<String> edit) throws IOException {
    Path conf = directory.resolve("conf");
    try (Stream<Path> files = Files.walk(SHIPPED_CONF)) {
      for (Path file : files.toList()) {
        Path target = conf.resolve(SHIPPED_CONF.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    Path slapdConf = conf.resolve("slapd.conf");
    String text = Files.readString(slapdConf).replaceAll("(?m)^listen\\s.*$", "listen ldap://127.0.0.1:0");
    Files.writeString(slapdConf, edit.apply(text));
    return slapdConf;
  }

  private void start() throws Exception {
    ServerConfig config = ConfigParser.parse(configFile);
    server = MdbLdapServer.open(config);
    try {
      loaded = EmptyDatabaseLoader.load(server.directoryService(), config.databases(),
          configFile.resolveSibling("example.ldif"));
      server.listen();
    } catch (StartupException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** Stops the server and starts it again from the same files, as a new process would. */
  void restart() throws Exception {
    server.close();
    start();
  }

  /** What the last start loaded from example.ldif. */
  List<EmptyDatabaseLoader.Outcome> loaded() {
    return loaded;
  }

  Path configFile() {
    return configFile;
  }

  MdbLdapServer server() {
    return server;
  }

  int port() {
    return server.localAddresses().get(0).getPort();
  }

  String url() {
    return "ldap://127.0.0.1:" + port();
  }

  /** An anonymous connection. */
  LDAPConnection connect() {
    try {
      return new LDAPConnection("127.0.0.1", port());
    } catch (LDAPException e) {
      throw new IllegalStateException("cannot connect to " + url() + ": " + e.getMessage(), e);
    }
  }

  /** A connection bound as {@code dn}. */
  LDAPConnection connect(String dn, String password) throws LDAPException {
    LDAPConnection connection = connect();
    connection.bind(dn, password);
    return connection;
  }

  /** A connection bound as the rootdn. */
  LDAPConnection connectAsRoot() throws LDAPException {
    return connect(ROOT_DN, ROOT_PW);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ownDirectory = Files.createTempDirectory(context.getRequiredTestClass().getSimpleName());
    configFile = copyConf(ownDirectory, UnaryOperator.identity());
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    // The start may have failed: then there is only the directory to remove.
    if (server != null) {
      close();
    }
    try (Stream<Path> files = Files.walk(ownDirectory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
