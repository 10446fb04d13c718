package io.mdbldap.server.directory;

import io.mdbldap.backend.MdbPartition;
import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.LdapComparator;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.comparators.NormalizingComparator;
import org.apache.directory.server.core.DefaultDirectoryService;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.DnFactory;
import org.apache.directory.server.core.api.InstanceLayout;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.shared.DefaultDnFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds and starts the ApacheDS {@link DirectoryService} a configuration describes:
 *
 * <ul>
 *   <li>the schema is the configuration's {@code SchemaManager}, published as {@code cn=schema}
 *       ({@link SchemaPartitions});
 *   <li>{@code ou=system}, ApacheDS's own bookkeeping, is an LMDB database in the <i>system
 *       directory</i>, {@code system} next to the first database's directory, which also holds
 *       ApacheDS's instance lock;
 *   <li>each {@code database mdb} section is an {@code MdbPartition} with its own LMDB
 *       environment;
 *   <li>binds, access and the root DSE are fitted to slapd's behaviour ({@link InterceptorChain});
 *   <li>reads of the LMDB databases do not wait for writes ({@link MvccOperationManager}).
 * </ul>
 *
 * The LMDB databases are opened before ApacheDS starts, so that a database that does not open is
 * reported by name, and every database opened so far is closed again when the start fails.
 */
public final class DirectoryAssembly {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryAssembly.class);
  /** DNs kept parsed by ApacheDS's DN factory. */
  private static final int DN_CACHE_SIZE = 10_000;

  private final ServerConfig config;
  private final SchemaManager schemaManager;
  private final DnFactory dnFactory;

  private DirectoryAssembly(ServerConfig config) {
    this.config = config;
    this.schemaManager = config.schemaManager();
    this.dnFactory = new DefaultDnFactory(schemaManager, DN_CACHE_SIZE);
  }

  /**
   * Starts the directory service of {@code config}; stop it with {@link DirectoryService#shutdown()},
   * which closes every LMDB environment.
   *
   * @throws StartupException if the configuration has no database, a database does not open, or
   *     ApacheDS does not start; nothing is left open then
   */
  public static DirectoryService start(ServerConfig config) throws StartupException {
    if (config.databases().isEmpty()) {
      throw new StartupException(config.file() + ": no database configured: add a \"database mdb\" section");
    }
    return new DirectoryAssembly(config).start();
  }

  private DirectoryService start() throws StartupException {
    long begin = System.nanoTime();
    compareNormalizedValues();
    KnownOids.install(schemaManager);
    Path system = systemDirectory();
    DefaultDirectoryService service = newService(system);
    List<Partition> partitions =
        open(service.getInstanceLayout().getPartitionsDirectory().toPath().resolve("system"));
    try {
      service.setSchemaPartition(SchemaPartitions.inMemory(schemaManager, dnFactory));
      service.setSystemPartition(partitions.get(0));
      for (Partition database : partitions.subList(1, partitions.size())) {
        service.addPartition(database);
      }
      service.setInterceptors(InterceptorChain.fit(service.getInterceptors(), config));
      service.startup();
    } catch (LdapException | RuntimeException e) {
      close(partitions);
      throw new StartupException("cannot start the directory service (system directory " + system + ")", e);
    }
    LOG.debug("directory service started in {} ms", (System.nanoTime() - begin) / 1_000_000);
    return service;
  }

  /**
   * As ApacheDS's own factories do: values reach the comparators already normalized by the server,
   * so the comparators must not normalize them again.
   */
  private void compareNormalizedValues() {
    for (LdapComparator<?> comparator : schemaManager.getComparatorRegistry()) {
      if (comparator instanceof NormalizingComparator normalizing) {
        normalizing.setOnServer();
      }
    }
  }

  /** {@code system} next to the first database's directory, unless a database is there. */
  private Path systemDirectory() throws StartupException {
    Path system = config.databases().get(0).directory().resolveSibling("system");
    for (DatabaseConfig database : config.databases()) {
      if (database.directory().equals(system)) {
        throw new StartupException("the directory of database " + database.suffix() + ", " + system
            + ", is where ApacheDS's own files go (\"system\" next to the first database's directory): "
            + "use another directory name");
      }
    }
    return system;
  }

  private DefaultDirectoryService newService(Path system) throws StartupException {
    try {
      DefaultDirectoryService service = new DefaultDirectoryService();
      MvccOperationManager.install(service);
      // The server stops the LDAP listeners before the directory: ApacheDS's own hook would race them.
      service.setShutdownHookEnabled(false);
      service.setInstanceLayout(new InstanceLayout(system.toFile()));
      service.setSchemaManager(schemaManager);
      service.setDnFactory(dnFactory);
      service.setAccessControlEnabled(false);
      service.setAllowAnonymousAccess(true);
      // creatorsName and modifiersName as written (cn=admin,...), not as OIDs (2.5.4.3=admin,...).
      service.setDenormalizeOpAttrsEnabled(true);
      return service;
    } catch (LdapException | IOException e) {
      throw new StartupException("cannot prepare the directory service in " + system, e);
    }
  }

  /** Opens {@code ou=system}, then every database in configuration order; all or nothing. */
  private List<Partition> open(Path systemPartitionDirectory) throws StartupException {
    List<Partition> opened = new ArrayList<>();
    try {
      initialize(DatabasePartitions.system(systemPartitionDirectory, schemaManager, dnFactory),
          "ou=system database in " + systemPartitionDirectory, opened);
      for (DatabaseConfig database : config.databases()) {
        MdbPartition partition = DatabasePartitions.of(database, schemaManager, dnFactory);
        initialize(partition, "database " + database.suffix() + " in " + database.directory(), opened);
        refuseStaleIndices(partition, database);
      }
      return opened;
    } catch (StartupException e) {
      close(opened);
      throw e;
    }
  }

  /**
   * As slapd would answer wrongly from indices built for another configuration, the server does not
   * serve such a database: the operator rebuilds them first (slapindex's job, {@code mdbldap index}).
   */
  private void refuseStaleIndices(MdbPartition partition, DatabaseConfig database) throws StartupException {
    if (partition.reindexNeeded()) {
      throw new StartupException("database " + database.suffix() + " in " + database.directory()
          + ": its indices were built with another index configuration than " + config.file()
          + " gives; rebuild them first: mdbldap index -f " + config.file() + " -b " + database.suffix());
    }
  }

  private static void initialize(Partition partition, String what, List<Partition> opened) throws StartupException {
    try {
      partition.initialize();
    } catch (LdapException | RuntimeException e) {
      throw new StartupException("cannot open the " + what, e);
    }
    opened.add(partition);
  }

  private static void close(List<Partition> partitions) {
    for (Partition partition : partitions) {
      try {
        partition.destroy(partition.beginReadTransaction());
      } catch (Exception e) {
        LOG.warn("cannot close partition {}: {}", partition.getId(), e.getMessage());
      }
    }
  }
}
