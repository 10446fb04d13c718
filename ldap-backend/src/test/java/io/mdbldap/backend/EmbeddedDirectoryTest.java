package io.mdbldap.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.File;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.core.DefaultDirectoryService;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.factory.DefaultDirectoryServiceFactory;
import org.apache.directory.server.core.factory.PartitionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole ApacheDS DirectoryService built by its own factory with {@link MdbPartitionFactory}:
 * the system partition and an added one are ours, updates go through the full interceptor chain,
 * and everything, contextCSN included, survives a restart on the same LMDB files.
 */
class EmbeddedDirectoryTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private DirectoryService ds;

  @BeforeEach
  void start() throws Exception {
    PartitionFactory partitions = new MdbPartitionFactory();
    DefaultDirectoryServiceFactory factory = new DefaultDirectoryServiceFactory(new DefaultDirectoryService(), partitions);
    factory.init("EmbeddedDirectoryTest");
    ds = factory.getDirectoryService();
    File directory = new File(ds.getInstanceLayout().getPartitionsDirectory(), "example");
    MdbPartition example = (MdbPartition) partitions.createPartition(ds.getSchemaManager(), ds.getDnFactory(),
        "example", SUFFIX, 100, directory);
    partitions.addIndex(example, "cn", 100);
    ds.addPartition(example);
  }

  @AfterEach
  void stop() throws Exception {
    ds.shutdown();
  }

  @Test
  void theSystemPartitionIsOurs() {
    assertInstanceOf(MdbPartition.class, ds.getSystemPartition());
  }

  @Test
  void entriesAndTheContextCsnSurviveARestart() throws Exception {
    ds.getAdminSession().add(new DefaultEntry(ds.getSchemaManager(), SUFFIX, "objectClass: domain", "dc: example"));
    ds.getAdminSession().add(new DefaultEntry(ds.getSchemaManager(), "cn=a," + SUFFIX,
        "objectClass: person", "cn: a", "sn: a"));
    String lastCsn = ds.getAdminSession().lookup(new Dn(ds.getSchemaManager(), "cn=a," + SUFFIX), "+")
        .get("entryCSN").getString();

    ds.shutdown();
    ds.startup();

    Entry context = ds.getAdminSession().lookup(new Dn(ds.getSchemaManager(), SUFFIX), "*", "+");
    assertEquals(lastCsn, context.get("contextCSN").getString());
    assertEquals("1", context.get("nbChildren").getString());
    assertNotNull(ds.getAdminSession().lookup(new Dn(ds.getSchemaManager(), "cn=a," + SUFFIX)));
  }
}
