package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.StoreStats;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mdbldap stat}: a database's size and shape, as mdb_stat shows it. */
@Command(name = "stat", separator = " ", sortOptions = false,
    description = {"Shows a database's entries, map use, reader slots, index configuration and the size of "
        + "each sub-database, as mdb_stat does. Safe while a server uses the database."},
    footer = {"", "Example: mdbldap stat -f conf/slapd.conf"})
public final class StatCommand extends ToolCommand {
  private static final double MIB = 1024.0 * 1024.0;

  @Mixin
  ConfigFile config;

  @Mixin
  DatabaseChoice database;

  @Override
  int run() throws Exception {
    ServerConfig conf = config.parse();
    DatabaseConfig db = database.chooseExisting(conf, "stat");
    StoreStats stats;
    try (MdbStore store = MdbStore.open(StoreConfigs.of(db), conf.schemaManager())) {
      stats = store.stats();
    }
    print(db, stats, out());
    out().flush();
    return OK;
  }

  private static void print(DatabaseConfig db, StoreStats s, PrintWriter out) {
    out.printf("database     %s in %s%n", db.suffix().getName(), db.directory());
    out.printf("entries      %,d (next ID %,d)%n", s.entries(), s.nextId());
    out.printf("map          %.1f MiB used of %.1f MiB mapped, at most %.1f MiB (%.0f%% of maxsize); page %,d bytes%n",
        s.mapUsed() / MIB, s.mapSize() / MIB, s.maxSize() / MIB, 100.0 * s.mapUsed() / s.maxSize(), s.pageSize());
    out.printf("readers      %d of %d slots in use%n", s.readers(), s.maxReaders());
    out.printf("indices      %s%s%n", s.indexConfig().isEmpty() ? "(none)" : s.indexConfig(),
        s.reindexNeeded() ? "  -- differs from the configuration: run mdbldap index" : "");
    out.printf("%n%-28s %12s %6s %10s %10s %10s%n", "sub-database", "records", "depth", "branch", "leaf", "overflow");
    for (StoreStats.Db d : s.databases()) {
      out.printf("%-28s %,12d %6d %,10d %,10d %,10d%n", d.name(), d.entries(), d.depth(), d.branchPages(),
          d.leafPages(), d.overflowPages());
    }
  }
}
