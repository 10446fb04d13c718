package io.mdbldap.backend;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.IndexKind;
import io.mdbldap.store.StoreConfig;
import java.io.File;
import java.util.EnumSet;
import java.util.Set;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.DnFactory;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.factory.PartitionFactory;

/**
 * Lets ApacheDS's annotations and test framework build {@link MdbPartition}s: run them with
 * {@code -Dapacheds.partition.factory=io.mdbldap.backend.MdbPartitionFactory} and every partition
 * without an explicit type, the system partition included, is one of ours, its LMDB files in the
 * working directory ApacheDS gives it.
 *
 * <p>Each partition gets the indices xdbm keeps for every partition (its "system indices", which
 * ApacheDS's startup and replication searches rely on); {@link #addIndex} adds an attribute index
 * like JDBM's (presence, equality, substrings). The cache size is ignored: LMDB reads through the
 * operating system's page cache.
 *
 * <p>Commits are flushed to disk unless the system property {@value #DURABLE_PROPERTY} is
 * {@code false} (slapd's {@code dbnosync}), which test suites may set for speed.
 */
public final class MdbPartitionFactory implements PartitionFactory {
  /** Set to {@code false} to skip the flush at every commit. */
  public static final String DURABLE_PROPERTY = "mdbldap.partition.durable";

  private static final IndexConfig SYSTEM_INDICES = IndexConfig.builder()
      .add("objectClass", "eq")
      .add("entryUUID", "eq")
      .add("entryCSN", "eq")
      .add("administrativeRole", "pres,eq")
      .build();

  @Override
  public MdbPartition createPartition(SchemaManager schemaManager, DnFactory dnFactory, String id, String suffix,
      int cacheSize, File workingDirectory) throws Exception {
    StoreConfig config = StoreConfig.builder(workingDirectory.toPath(), suffix)
        .indices(SYSTEM_INDICES)
        .durable(!"false".equalsIgnoreCase(System.getProperty(DURABLE_PROPERTY)))
        .build();
    MdbPartition partition = new MdbPartition(schemaManager, dnFactory, config);
    partition.setId(id);
    partition.setSuffixDn(new Dn(schemaManager, suffix));
    return partition;
  }

  @Override
  public void addIndex(Partition partition, String attributeId, int cacheSize) throws LdapException {
    if (!(partition instanceof MdbPartition mdb)) {
      throw new IllegalArgumentException("not an MdbPartition: " + partition.getClass().getName());
    }
    AttributeType type = mdb.getSchemaManager().lookupAttributeTypeRegistry(attributeId);
    mdb.addIndex(attributeId, kindsFor(type));
  }

  /** What a JDBM index answers, as far as the attribute's matching rules allow. */
  private static Set<IndexKind> kindsFor(AttributeType type) {
    Set<IndexKind> kinds = EnumSet.of(IndexKind.PRESENCE);
    if (type.getEquality() != null) {
      kinds.add(IndexKind.EQUALITY);
    }
    if (type.getSubstring() != null) {
      kinds.addAll(IndexKind.parse("sub"));
    }
    return kinds;
  }
}
