package io.mdbldap.server.embedded;

import io.mdbldap.conf.ConfigException;
import io.mdbldap.conf.ConfigParser;
import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The schemas of the embedded directories of this JVM, built once per set of schema files and
 * shared: loading ApacheDS's built-in schemas alone costs about a second in a cold JVM, most of a
 * server's start.
 *
 * <p>Sharing is safe because nothing changes a schema once built: the server refuses schema
 * changes over LDAP ({@code cn=schema} is generated, {@code ou=schema} is read-only), and what
 * each directory service sets on it at start (normalizing comparators told they run on the
 * server) is the same for all.
 *
 * <p>A schema is ApacheDS's enabled built-in schemas, plus ApacheDS's {@code nis} (posixAccount,
 * posixGroup...) as the shipped slapd.conf includes it, plus the given files in order, read as
 * slapd.conf reads {@code include}d OpenLDAP {@code .schema} files; an LDIF schema file is turned
 * into that form first ({@link LdifSchema}).
 */
final class SchemaCache {
  private static final Map<List<String>, SchemaManager> SCHEMAS = new ConcurrentHashMap<>();

  private SchemaCache() {}

  /** The schema with {@code files} added, built now or earlier. */
  static SchemaManager schema(List<FileSource> files) throws StartupException {
    List<String> key = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (FileSource file : files) {
      byte[] bytes = read(file);
      contents.add(bytes);
      key.add(file.fileName() + " " + sha256(bytes));
    }
    try {
      // Concurrent starts of one schema wait for one build rather than each doing it.
      return SCHEMAS.computeIfAbsent(key, k -> build(files, contents));
    } catch (BuildFailure e) {
      throw e.cause;
    }
  }

  private static SchemaManager build(List<FileSource> files, List<byte[]> contents) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("mdbldap-schema-");
      StringBuilder conf = new StringBuilder();
      for (int i = 0; i < files.size(); i++) {
        Path schemaFile = dir.resolve(i + "-" + schemaFileName(files.get(i)));
        Files.writeString(schemaFile, schemaText(files.get(i), contents.get(i)));
        conf.append("include \"").append(schemaFile.getFileName()).append("\"\n");
      }
      Path confFile = Files.writeString(dir.resolve("schema.conf"), conf);
      SchemaManager schema = ConfigParser.parse(confFile).schemaManager();
      enableNis(schema);
      return schema;
    } catch (IOException e) {
      throw new BuildFailure(new StartupException("cannot prepare the schema files " + files, e));
    } catch (ConfigException | StartupException e) {
      throw new BuildFailure(e instanceof StartupException s ? s
          : new StartupException("invalid schema in " + files + ": " + e.getMessage(), e));
    } finally {
      TempDirectories.deleteQuietly(dir);
    }
  }

  /**
   * The file name the definitions are read under: slapd.conf's reader names a definition's
   * ApacheDS schema after its file ({@code nis.schema} feeds "nis"), so the name is kept.
   */
  private static String schemaFileName(FileSource file) {
    String name = file.fileName();
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + ".schema";
  }

  private static String schemaText(FileSource file, byte[] content) throws StartupException {
    String text = new String(content, StandardCharsets.UTF_8);
    return file.fileName().toLowerCase(Locale.ROOT).endsWith(".ldif") ? LdifSchema.toSchemaFile(file, text) : text;
  }

  private static void enableNis(SchemaManager schema) throws StartupException {
    try {
      if (!schema.isEnabled("nis") && !schema.enable("nis")) {
        throw new StartupException("cannot enable ApacheDS's nis schema: " + schema.getErrors());
      }
    } catch (LdapException e) {
      throw new StartupException("cannot enable ApacheDS's nis schema", e);
    }
  }

  private static byte[] read(FileSource file) throws StartupException {
    try {
      return file.bytes();
    } catch (IOException e) {
      throw new StartupException("cannot read the schema file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Carries a checked failure out of {@code computeIfAbsent}, which then caches nothing. */
  private static final class BuildFailure extends RuntimeException {
    private final transient StartupException cause;

    BuildFailure(StartupException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
