package io.mdbldap.server.directory;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.IndexKind;
import io.mdbldap.store.StoreConfig;
import java.nio.file.Path;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.DnFactory;

/** The LMDB-backed partitions: one per {@code database mdb} section, and ApacheDS's {@code ou=system}. */
final class DatabasePartitions {
  private DatabasePartitions() {}

  /** The partition of one database section, not yet initialized. */
  static MdbPartition of(DatabaseConfig database, SchemaManager schemaManager, DnFactory dnFactory) {
    MdbPartition partition = new MdbPartition(schemaManager, dnFactory, storeConfig(database));
    partition.setId(database.suffix().getName());
    return partition;
  }

  /**
   * ApacheDS's {@code ou=system} (its bootstrap entries, replication bookkeeping) in its own LMDB
   * environment, not yet initialized. It holds a dozen entries: no index would pay for itself.
   */
  static MdbPartition system(Path directory, SchemaManager schemaManager, DnFactory dnFactory) {
    MdbPartition partition = new MdbPartition(schemaManager, dnFactory,
        StoreConfig.builder(directory, ServerDNConstants.SYSTEM_DN).build());
    partition.setId("system");
    return partition;
  }

  /** A database section's settings as the store takes them. */
  static StoreConfig storeConfig(DatabaseConfig database) {
    return StoreConfig.builder(database.directory(), database.suffix().getName())
        .maxSize(database.maxSize())
        .maxReaders(database.maxReaders())
        .durable(!database.noSync())
        .indices(indices(database))
        .build();
  }

  private static IndexConfig indices(DatabaseConfig database) {
    IndexConfig.Builder indices = IndexConfig.builder();
    database.indexes().forEach((attribute, kinds) -> kinds.forEach(kind -> indices.add(attribute, IndexKind.parse(kind))));
    return indices.build();
  }
}
