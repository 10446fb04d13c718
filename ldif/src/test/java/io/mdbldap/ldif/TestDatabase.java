package io.mdbldap.ldif;

import io.mdbldap.conf.ConfigParser;
import io.mdbldap.conf.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A database for a test: a slapd.conf in a temporary directory (the shipped OpenLDAP schema files,
 * suffix dc=example,dc=com, the LMDB files in {@code db/}), and the tools run against it in this
 * JVM with their output captured.
 */
public final class TestDatabase {
  public static final String SUFFIX = "dc=example,dc=com";
  public static final String ROOT_DN = "cn=admin,dc=example,dc=com";
  /** The repository's conf/schema, seen from the module directory Maven runs tests in. */
  public static final Path SCHEMA = Path.of("..", "conf", "schema").toAbsolutePath().normalize();
  private static final List<String> DEFAULT_INDICES =
      List.of("objectClass eq", "uid,cn,sn,mail eq,sub", "member eq");

  private final Path config;
  private final Path directory;

  private TestDatabase(Path config, Path directory) {
    this.config = config;
    this.directory = directory;
  }

  /** A database in {@code dir} with the default indices. */
  public static TestDatabase in(Path dir) throws IOException {
    return in(dir, DEFAULT_INDICES);
  }

  /** A database in {@code dir} with these {@code index} lines (without the keyword). */
  public static TestDatabase in(Path dir, List<String> indices) throws IOException {
    Files.createDirectories(dir);
    Path db = dir.resolve("db");
    Path config = dir.resolve("slapd.conf");
    Files.writeString(config, configText(db, indices), StandardCharsets.UTF_8);
    return new TestDatabase(config, db);
  }

  /** The same database, configured with other indices (a second configuration file). */
  public TestDatabase withIndices(List<String> indices) throws IOException {
    Path other = config.resolveSibling("slapd-" + Math.abs(indices.hashCode()) + ".conf");
    Files.writeString(other, configText(directory, indices), StandardCharsets.UTF_8);
    return new TestDatabase(other, directory);
  }

  static String configText(Path db, List<String> indices) {
    StringBuilder text = new StringBuilder();
    for (String schema : List.of("core", "cosine", "inetorgperson", "nis")) {
      text.append("include \"").append(SCHEMA.resolve(schema + ".schema")).append("\"\n");
    }
    text.append("database mdb\nsuffix \"").append(SUFFIX).append("\"\nrootdn \"").append(ROOT_DN)
        .append("\"\ndirectory \"").append(db).append("\"\nmaxsize 1073741824\n");
    indices.forEach(line -> text.append("index ").append(line).append('\n'));
    return text.toString();
  }

  public Path config() {
    return config;
  }

  /** The directory of the LMDB files. */
  public Path directory() {
    return directory;
  }

  /** The configuration as the tools read it (schema included). */
  public ServerConfig parse() throws Exception {
    return ConfigParser.parse(config);
  }

  /** Runs {@code tool -f <config> args...} and captures what it prints. */
  public Result run(String tool, String... args) {
    List<String> all = new ArrayList<>(List.of(tool, "-f", config.toString()));
    all.addAll(List.of(args));
    return Result.of(all.toArray(new String[0]));
  }

  /** The LDIF export of the whole database, as {@code cat} writes it to standard output. */
  public String cat(String... args) {
    Result r = run("cat", args);
    if (r.exit() != 0) {
      throw new AssertionError("cat failed: " + r);
    }
    return r.out();
  }

  /** What a tool returned and printed. */
  public record Result(int exit, String out, String err) {
    /** Runs the tools' command line with {@code args}, in this JVM. */
    public static Result of(String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine line = Tools.commandLine();
      line.setOut(new PrintWriter(out, true));
      line.setErr(new PrintWriter(err, true));
      int exit = line.execute(args);
      return new Result(exit, out.toString(), err.toString());
    }
  }
}
