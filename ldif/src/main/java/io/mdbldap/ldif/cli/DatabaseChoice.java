package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import picocli.CommandLine.Option;

/**
 * The {@code -b SUFFIX} option: which database a tool works on, as for slapadd and slapcat. The
 * database whose suffix is the given DN or holds it; without {@code -b}, the first database.
 */
final class DatabaseChoice {
  @Option(names = "-b", paramLabel = "SUFFIX",
      description = "The database whose suffix is, or holds, this DN (default: the first database).")
  String suffix;

  DatabaseConfig choose(ServerConfig config) throws ToolException {
    List<DatabaseConfig> databases = config.databases();
    if (databases.isEmpty()) {
      throw new ToolException(config.file() + ": no \"database mdb\" section");
    }
    if (suffix == null) {
      return databases.get(0);
    }
    Dn dn = parse(config);
    DatabaseConfig best = null;
    for (DatabaseConfig database : databases) {
      boolean holds = dn.isDescendantOf(database.suffix());
      if (holds && (best == null || database.suffix().size() > best.suffix().size())) {
        best = database;
      }
    }
    if (best == null) {
      throw new ToolException("-b " + suffix + ": no database holds this DN; the suffixes are " + suffixes(databases));
    }
    return best;
  }

  /** As {@link #choose}, for a tool that only reads: the database must exist already. */
  DatabaseConfig chooseExisting(ServerConfig config, String tool) throws ToolException {
    DatabaseConfig database = choose(config);
    if (!Files.exists(database.directory().resolve("data.mdb"))) {
      throw new ToolException(tool + ": " + database.directory() + " holds no database yet");
    }
    return database;
  }

  private Dn parse(ServerConfig config) throws ToolException {
    try {
      return new Dn(config.schemaManager(), suffix);
    } catch (LdapInvalidDnException e) {
      throw new ToolException("-b " + suffix + ": invalid DN: " + e.getMessage());
    }
  }

  private static String suffixes(List<DatabaseConfig> databases) {
    List<String> names = new ArrayList<>();
    databases.forEach(d -> names.add("\"" + d.suffix().getName() + "\""));
    return String.join(", ", names);
  }
}
