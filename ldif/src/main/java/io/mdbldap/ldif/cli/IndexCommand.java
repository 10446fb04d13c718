package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.store.MdbStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mdbldap index}: rebuilds indices after the index configuration changed, as slapindex does. */
@Command(name = "index", separator = " ", sortOptions = false,
    description = {"Rebuilds a database's indices from its entries, as slapindex does: all configured indices, "
        + "or those of the attributes named.",
        "Run it after changing the \"index\" lines of the configuration, with no server using the database."},
    footer = {"", "Example: mdbldap index -f conf/slapd.conf mail"})
public final class IndexCommand extends ToolCommand {
  @Mixin
  ConfigFile config;

  @Mixin
  DatabaseChoice database;

  @Parameters(paramLabel = "ATTR", arity = "0..*", description = "Rebuild only these attributes' indices.")
  List<String> attributes = new ArrayList<>();

  @Override
  int run() throws Exception {
    ServerConfig conf = config.parse();
    DatabaseConfig db = database.choose(conf);
    long start = System.nanoTime();
    boolean stillNeeded;
    long entries;
    // Not durable: the index configuration is recorded only after the rebuild, so a crash
    // midway leaves the database marked as needing it; one flush at the end suffices.
    try (MdbStore store = MdbStore.open(StoreConfigs.builder(db).durable(false).build(), conf.schemaManager())) {
      store.reindex(attributes);
      store.sync();
      stillNeeded = store.reindexNeeded();
      entries = store.stats().entries();
    }
    err().printf("index: rebuilt the %s of %s (%,d entries) in %.1f s%n",
        attributes.isEmpty() ? "indices" : "indices of " + String.join(", ", attributes), db.suffix().getName(),
        entries, (System.nanoTime() - start) / 1e9);
    if (stillNeeded) {
      err().println("index: other indices still differ from the configuration: run mdbldap index without attributes");
    }
    err().flush();
    return OK;
  }
}
