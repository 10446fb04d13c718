package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.store.MdbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mdbldap copy}: a hot backup of a database, as mdb_copy makes. */
@Command(name = "copy", separator = " ", sortOptions = false,
    description = {"Copies a database to the directory DEST, consistent as of one moment, while a server may "
        + "keep using it (LMDB's hot copy, as mdb_copy does). DEST must be new or empty.",
        "The copy is a database in its own right: point a configuration's \"directory\" at it to use it."},
    footer = {"", "Example: mdbldap copy -f conf/slapd.conf /backup/example-2024-06-01 --compact"})
public final class CopyCommand extends ToolCommand {
  @Mixin
  ConfigFile config;

  @Mixin
  DatabaseChoice database;

  @Parameters(index = "0", paramLabel = "DEST", description = "The directory to copy to.")
  Path destination;

  @Option(names = "--compact", description = "Leave out free pages: a smaller copy, a little slower to make.")
  boolean compact;

  @Override
  int run() throws Exception {
    ServerConfig conf = config.parse();
    DatabaseConfig db = database.chooseExisting(conf, "copy");
    long start = System.nanoTime();
    try (MdbStore store = MdbStore.open(StoreConfigs.of(db), conf.schemaManager())) {
      store.copy(destination, compact);
    }
    err().printf("copy: %s copied to %s (%,d bytes%s) in %.1f s%n", db.suffix().getName(), destination,
        Files.size(destination.resolve("data.mdb")), compact ? ", compacted" : "", (System.nanoTime() - start) / 1e9);
    err().flush();
    return OK;
  }
}
