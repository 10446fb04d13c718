package io.mdbldap.ldif;

import io.mdbldap.conf.ConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/** The schema of the test configuration, loaded once per test JVM (it takes a second or two). */
public final class Schemas {
  private static SchemaManager schema;

  private Schemas() {}

  public static synchronized SchemaManager get() throws Exception {
    if (schema == null) {
      Path dir = Files.createTempDirectory("ldif-schema");
      Path conf = dir.resolve("slapd.conf");
      Files.writeString(conf, TestDatabase.configText(dir.resolve("db"), List.of()));
      schema = ConfigParser.parse(conf).schemaManager();
      Files.delete(conf);
      Files.delete(dir);
    }
    return schema;
  }
}
