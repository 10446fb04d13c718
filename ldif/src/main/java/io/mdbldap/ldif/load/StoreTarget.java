package io.mdbldap.ldif.load;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.ldif.read.EntryRecord;
import io.mdbldap.ldif.read.LdifException;
import io.mdbldap.store.BulkLoader;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * The database as an import's target, through the store's bulk loader. The loader's rejections
 * (a DN that exists, a parent that never came) are turned into located problems.
 *
 * <p>Undo: a database this import created is deleted again (its files, and its directory if the
 * import made it); an existing one gets the loader's undo, which deletes what was added, so the
 * database holds what it held before, though the next entry IDs stay advanced. Quick mode opens
 * the database without a flush per commit (so does {@code dbnosync}); it is then flushed once, on
 * close. A new database is also written straight into the map in quick mode (WRITEMAP, as
 * {@code slapadd -q} does), which saves the loading thread copying every page it writes, and its
 * index keys are gathered across batches and written in a few large rounds (see {@link BulkLoader}),
 * as {@code slapadd -q} buffers them. So, as with {@code slapadd -q}, a quick import into a new
 * database leaves nothing usable if it stops: it deletes the database on any error it sees, and
 * one killed or crashed midway leaves committed entries missing from the indices (import again).
 * Into an existing database even a quick import writes each batch's index keys with it, since
 * the database must stay whole.
 *
 * <p>A database this import created is flushed on close, then its file cut back to the pages in use
 * (with WRITEMAP, LMDB keeps it as large as the map). It keeps the pages the last writes freed (at
 * 100,000 entries, about 18 MB of 221 MB), which later writes reuse. A compacting copy left them
 * out, but took 0.3-0.45 s more than the flush (100,000 entries, alternating runs), a tenth of the
 * import: {@code mdbldap copy --compact} makes one on demand. {@code slapadd -q} neither compacts
 * nor flushes.
 */
final class StoreTarget implements LoadTarget {
  private static final String[] FILES = {"data.mdb", "lock.mdb"};

  private final MdbStore store;
  private final BulkLoader loader;
  private final SourceLines lines = new SourceLines();
  private final String source;
  private final Consumer<LdifException> problems;
  private final Path directory;
  private final boolean created;
  private final boolean directoryCreated;
  private final boolean durable;
  private boolean closed;
  private boolean undone;

  private StoreTarget(DatabaseConfig database, SchemaManager schema, boolean quick, int batchSize, String source,
      Consumer<LdifException> problems) {
    this.directory = database.directory();
    this.directoryCreated = !Files.isDirectory(directory);
    this.created = !Files.exists(directory.resolve(FILES[0]));
    this.source = source;
    this.problems = problems;
    // A new database is cut back to its pages in use on close, giving back the size WRITEMAP's file takes.
    StoreConfig config = quick
        ? StoreConfigs.builder(database).durable(false).writeMap(created).build()
        : StoreConfigs.of(database);
    this.durable = config.durable();
    this.store = MdbStore.open(config, schema);
    this.loader = store.bulkLoader(this::rejected, batchSize, quick && created);
  }

  /**
   * Opens {@code database} (creating it if needed) for an import.
   *
   * @param source the input's name, for the problems
   * @param problems told of each entry the loader rejects
   */
  static StoreTarget open(DatabaseConfig database, SchemaManager schema, boolean quick, int batchSize, String source,
      Consumer<LdifException> problems) {
    return new StoreTarget(database, schema, quick, batchSize, source, problems);
  }

  @Override
  public BulkLoader.Prepared prepare(EntryRecord record) throws LdapException {
    return loader.prepare(record.entry());
  }

  @Override
  public void add(int line, BulkLoader.Prepared prepared) throws LdapException {
    lines.put(prepared.entry(), line);
    loader.add(prepared);
  }

  @Override
  public void inputAt(long done, long size) {
    loader.inputAt(done, size);
  }

  @Override
  public void finish() throws LdapException {
    if (!durable) {
      // The input has ended: what is committed goes to disk while the last batches and index keys
      // are written (on one core; the flush's disk writes need little CPU), not after them.
      store.syncInBackground();
    }
    loader.finish();
  }

  @Override
  public long stored() {
    return loader.loaded();
  }

  @Override
  public void undo() throws LdapException {
    if (!created) {
      loader.undo();
      return;
    }
    undone = true;
    close();
    try {
      for (String file : FILES) {
        Files.deleteIfExists(directory.resolve(file));
      }
      if (directoryCreated) {
        Files.deleteIfExists(directory);
      }
    } catch (IOException e) {
      throw new LdapException("cannot remove the database this import created in " + directory + ": " + e, e);
    }
  }

  private void rejected(Entry entry, LdapException reason) {
    problems.accept(new LdifException(source, lines.lineOf(entry), entry.getDn().getName(), describe(entry, reason)));
  }

  private static String describe(Entry entry, LdapException reason) {
    if (reason instanceof LdapEntryAlreadyExistsException) {
      return "an entry with this DN already exists (in the database, or earlier in the input)";
    }
    if (reason instanceof LdapNoSuchObjectException) {
      return "its parent \"" + entry.getDn().getParent().getName()
          + "\" does not exist, neither in the database nor anywhere in the input";
    }
    return reason.getMessage();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (created && !undone) {
      store.closeTrimmed();
      return;
    }
    try {
      if (!durable && !undone) {
        store.sync();
      }
    } finally {
      store.close();
    }
  }
}
