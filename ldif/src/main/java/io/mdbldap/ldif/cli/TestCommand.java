package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.store.MdbStore;
import java.nio.file.Files;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mdbldap test}: checks a configuration file, as slaptest does. */
@Command(name = "test", separator = " ", sortOptions = false,
    description = {"Checks the configuration file and the files it includes, as slaptest does: exits with 0 if "
        + "it is valid, 1 with the first error as file:line: message.",
        "Databases that exist are opened too: one that cannot be, or whose indices were built with another "
            + "index configuration, is reported."},
    footer = {"", "Example: mdbldap test -f conf/slapd.conf"})
public final class TestCommand extends ToolCommand {
  @Mixin
  ConfigFile config;

  @Override
  int run() throws Exception {
    ServerConfig conf = config.parse();
    boolean ok = true;
    for (DatabaseConfig db : conf.databases()) {
      ok &= check(conf, db);
    }
    err().println(ok ? "config file testing succeeded" : "config file testing failed");
    err().flush();
    return ok ? OK : FAILED;
  }

  /** Opens an existing database; false, with the reason on standard error, if it cannot be used. */
  private boolean check(ServerConfig conf, DatabaseConfig db) {
    if (!Files.exists(db.directory().resolve("data.mdb"))) {
      return true;
    }
    try (MdbStore store = MdbStore.open(StoreConfigs.of(db), conf.schemaManager())) {
      if (store.reindexNeeded()) {
        err().printf("%s: database %s: its indices were built with another index configuration; "
            + "run \"mdbldap index -f %s -b %s\"%n", conf.file(), db.suffix().getName(), conf.file(),
            db.suffix().getName());
        return false;
      }
      return true;
    } catch (RuntimeException e) {
      err().printf("%s: database %s: %s%n", conf.file(), db.suffix().getName(), e.getMessage());
      return false;
    }
  }
}
