package io.mdbldap.server.directory;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.ldif.StoreConfigs;
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
    MdbPartition partition = new MdbPartition(schemaManager, dnFactory, StoreConfigs.of(database));
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
}
