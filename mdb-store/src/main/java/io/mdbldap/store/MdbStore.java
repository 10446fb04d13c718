package io.mdbldap.store;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.entry.Ad2i;
import io.mdbldap.store.entry.EntryCodec;
import io.mdbldap.store.entry.Id2Entry;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.Meta;
import io.mdbldap.store.env.ReadTxn;
import io.mdbldap.store.index.Indices;
import io.mdbldap.store.search.SearchStart;
import io.mdbldap.store.search.StoreSearch;
import io.mdbldap.store.update.AddOp;
import io.mdbldap.store.update.DeleteOp;
import io.mdbldap.store.update.ModRdnOp;
import io.mdbldap.store.update.ModifyOp;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * One directory database in one LMDB environment: the back-mdb equivalent.
 *
 * <p>Every update runs in one LMDB write transaction and is all-or-nothing; readers never wait for
 * writers. LDAP outcomes are thrown as the Apache LDAP API's {@link LdapException} subclasses
 * (noSuchObject with the matched DN, entryAlreadyExists, notAllowedOnNonLeaf...); storage failures
 * as {@link StoreException}. The store does no schema checking: that is the caller's job.
 *
 * <p>Thread-safe.
 */
public final class MdbStore implements AutoCloseable {
  private final Tables tables;
  private final DnResolver resolver;
  private final StoreSearch search;
  private final AddOp addOp;
  private final DeleteOp deleteOp;
  private final ModifyOp modifyOp;
  private final ModRdnOp modRdnOp;
  private volatile boolean reindexNeeded;
  private volatile String storedIndexConfig;
  private final int maxReaders;

  private MdbStore(Tables tables, boolean reindexNeeded, String storedIndexConfig, int maxReaders) {
    this.tables = tables;
    this.resolver = new DnResolver(tables);
    this.search = new StoreSearch(tables);
    this.addOp = new AddOp(tables);
    this.deleteOp = new DeleteOp(tables);
    this.modifyOp = new ModifyOp(tables);
    this.modRdnOp = new ModRdnOp(tables);
    this.reindexNeeded = reindexNeeded;
    this.storedIndexConfig = storedIndexConfig;
    this.maxReaders = maxReaders;
  }

  /**
   * Opens (creating if needed) the database described by {@code config}.
   *
   * @throws FormatVersionException if the directory holds another format version
   * @throws StoreException if the environment cannot be opened or holds another suffix
   */
  public static MdbStore open(StoreConfig config, SchemaManager schemaManager) {
    Dn suffix = parseSuffix(config, schemaManager);
    MdbEnv env = MdbEnv.open(config.directory(), config.initialMapSize(), config.maxSize(),
        config.maxReaders(), config.durable(), config.writeMap());
    try {
      return open(env, config, schemaManager, suffix);
    } catch (RuntimeException e) {
      env.close();
      throw e;
    }
  }

  private static MdbStore open(MdbEnv env, StoreConfig config, SchemaManager schema, Dn suffix) {
    Meta meta = new Meta(env);
    Ad2i ad2i = new Ad2i(env, schema);
    String[] stored = new String[1];
    try {
      env.write(w -> {
        meta.checkOrInit(w, suffix.getNormName(), config.directory().toString());
        stored[0] = meta.indexConfig(w.txn());
        return null;
      });
    } catch (LdapException e) {
      throw new StoreException("cannot initialize " + config.directory() + ": " + e.getMessage(), e);
    }
    Indices indices = new Indices(env, schema, config.indices(), stored[0]);
    if (stored[0] == null) {
      storeIndexConfig(env, meta, indices.canonical());
    }
    try (ReadTxn r = env.beginRead()) {
      ad2i.load(r);
    }
    Tables tables = new Tables(env, meta, ad2i, new EntryCodec(ad2i, schema), new Id2Entry(env),
        new Dn2Id(env), indices, schema, suffix);
    String effective = stored[0] == null ? indices.canonical() : stored[0];
    return new MdbStore(tables, !effective.equals(indices.canonical()), effective, config.maxReaders());
  }

  private static void storeIndexConfig(MdbEnv env, Meta meta, String canonical) {
    try {
      env.write(w -> {
        meta.setIndexConfig(w.txn(), canonical);
        return null;
      });
    } catch (LdapException e) {
      throw new StoreException("cannot store the index configuration: " + e.getMessage(), e);
    }
  }

  private static Dn parseSuffix(StoreConfig config, SchemaManager schema) {
    try {
      return new Dn(schema, config.suffix());
    } catch (LdapInvalidDnException e) {
      throw new StoreException("invalid suffix \"" + config.suffix() + "\": " + e.getMessage(), e);
    }
  }

  /** The suffix this database holds. */
  public Dn suffix() {
    return tables.suffix();
  }

  /** The schema the store normalizes and matches with. */
  public SchemaManager schemaManager() {
    return tables.schema();
  }

  /**
   * Whether the index configuration differs from the one the indices were built with. Until the
   * indices are rebuilt, searches use only the indices both configurations agree on.
   */
  public boolean reindexNeeded() {
    return reindexNeeded;
  }

  /**
   * Adds an entry: its parent must exist (unless it is the suffix) and its DN must be new.
   *
   * @return the entry's new ID
   */
  public long add(Entry entry) throws LdapException {
    return addOp.add(entry);
  }

  /** Deletes a leaf entry and returns it as it was. */
  public Entry delete(Dn dn) throws LdapException {
    return deleteOp.delete(dn);
  }

  /** Applies modifications (add, remove, replace, increment) atomically and returns the new entry. */
  public Entry modify(Dn dn, List<Modification> modifications) throws LdapException {
    return modifyOp.modify(dn, modifications);
  }

  /**
   * Renames and/or moves an entry with its subtree, in O(depth): descendants are not touched.
   *
   * @param newSuperior the new parent, or null to stay under the current one
   * @param newRdn the new RDN, or null to keep the current one
   * @param deleteOldRdn whether the old RDN's values leave the entry
   * @return the entry as it is now
   */
  public Entry moveAndRename(Dn dn, Dn newSuperior, Rdn newRdn, boolean deleteOldRdn) throws LdapException {
    return modRdnOp.moveAndRename(dn, newSuperior, newRdn, deleteOldRdn, List.of());
  }

  /**
   * {@link #moveAndRename(Dn, Dn, Rdn, boolean)}, then {@code modifications} applied to the
   * renamed entry, in the same transaction: all of it happens, or none.
   */
  public Entry moveAndRename(Dn dn, Dn newSuperior, Rdn newRdn, boolean deleteOldRdn,
      List<Modification> modifications) throws LdapException {
    return modRdnOp.moveAndRename(dn, newSuperior, newRdn, deleteOldRdn, modifications);
  }

  /**
   * A loader for many entries at once (LDIF import); see {@link BulkLoader}.
   *
   * @param batchSize entries per write transaction
   */
  public BulkLoader bulkLoader(BulkLoader.Rejections rejections, int batchSize) {
    return bulkLoader(rejections, batchSize, false);
  }

  /**
   * A loader for many entries at once that may gather index keys across batches (see
   * {@link BulkLoader}): for a load into a new database, which is deleted if the load fails.
   *
   * @param batchSize entries per write transaction
   * @param gatherIndexKeys write index keys in large rounds instead of with each batch
   */
  public BulkLoader bulkLoader(BulkLoader.Rejections rejections, int batchSize, boolean gatherIndexKeys) {
    return bulkLoader(rejections, batchSize, gatherIndexKeys ? BulkLoader.GATHER_BYTES : 0);
  }

  /** As above, gathering up to {@code gatherBytes} (0: none): tests make it small. */
  BulkLoader bulkLoader(BulkLoader.Rejections rejections, int batchSize, long gatherBytes) {
    return new BulkLoader(tables, rejections, batchSize, gatherBytes);
  }

  /**
   * Rebuilds the named indices (all configured ones if none are named) from id2entry, then
   * records the configuration they were built with. Like slapindex, run it with no server using
   * the database.
   */
  public void reindex(Collection<String> attributes) throws LdapException {
    String rebuilt = new Reindexer(tables).rebuild(attributes, storedIndexConfig);
    storedIndexConfig = rebuilt;
    reindexNeeded = !rebuilt.equals(tables.indices().canonical());
  }

  /**
   * Copies the database, consistent as of one moment, to the empty or new directory
   * {@code destination} while it stays in use (LMDB's hot copy, mdb_copy).
   *
   * @param compact leave out free pages (and renumber them): a smaller copy, a little slower
   */
  public void copy(Path destination, boolean compact) {
    tables.env().copy(destination, compact);
  }

  /**
   * Closes the store flushed to disk, its file cut back to the pages in use, for a database no other
   * process has open (see {@link io.mdbldap.store.env.MdbEnv#closeTrimmed}): the end of a bulk load
   * into a new database written with {@code MDB_WRITEMAP}.
   */
  public void closeTrimmed() {
    tables.env().closeTrimmed();
  }

  /** Flushes every commit to disk: after a load done with {@code durable(false)}. */
  public void sync() {
    tables.env().sync();
  }

  /**
   * Starts a flush of what is committed so far, in the background (see {@link
   * io.mdbldap.store.env.MdbEnv#syncInBackground}): for a load done with {@code durable(false)}
   * that has its last writes to do before its {@link #sync}.
   */
  public void syncInBackground() {
    tables.env().syncInBackground();
  }

  /** The entry at {@code dn}, or null if there is none. */
  public Entry lookup(Dn dn) throws LdapException {
    Dn normalized = resolver.normalize(dn);
    try (ReadTxn r = tables.env().beginRead()) {
      DnResolver.Resolution res = resolver.resolve(r.txn(), normalized);
      if (!res.found()) {
        return null;
      }
      byte[] bytes = tables.id2entry().get(r.txn(), res.id());
      return bytes == null ? null : tables.codec().decode(bytes, normalized);
    }
  }

  /** The entry with store ID {@code id}, or null if there is none. */
  public Entry lookup(long id) throws LdapException {
    try (ReadTxn r = tables.env().beginRead()) {
      byte[] bytes = tables.id2entry().get(r.txn(), id);
      return bytes == null ? null : tables.codec().decode(bytes, resolver.dnOf(r.txn(), id));
    }
  }

  /** The store ID of the entry at {@code dn}, if there is one. */
  public OptionalLong idOf(Dn dn) throws LdapException {
    Dn normalized = resolver.normalize(dn);
    try (ReadTxn r = tables.env().beginRead()) {
      DnResolver.Resolution res = resolver.resolve(r.txn(), normalized);
      return res.found() ? OptionalLong.of(res.id()) : OptionalLong.empty();
    }
  }

  /** Whether an entry exists at {@code dn}. */
  public boolean exists(Dn dn) throws LdapException {
    return idOf(dn).isPresent();
  }

  /** The entry's child and subtree counts, from dn2id in O(depth). */
  public Subordinates subordinates(Dn dn) throws LdapException {
    Dn normalized = resolver.normalize(dn);
    try (ReadTxn r = tables.env().beginRead()) {
      long id = resolver.require(r.txn(), normalized);
      return new Subordinates(tables.dn2id().childCount(r.txn(), id), tables.dn2id().self(r.txn(), id).nsubs());
    }
  }

  /** Starts a search; see {@link SearchCursor} for how results stream. */
  public SearchCursor search(SearchSpec spec) throws LdapException {
    return search.start(spec);
  }

  /**
   * Whether a search with {@code filter} would test at most {@code limit} entries, whatever its
   * base and scope, known without reading an ID list: an equality on an attribute with an
   * equality index (LMDB keeps the count of IDs under each key), alone or in an AND (or an OR of
   * such). Cheap enough to ask before deciding where a search runs; false when unsure.
   */
  public boolean fewCandidates(ExprNode filter, long limit) {
    return search.fewCandidates(filter, limit);
  }

  /**
   * The start of a search of {@code base} in {@code scope} with {@code filter}, if the filter has at most {@code limit}
   * candidates as {@link #fewCandidates} tells; else empty. Made in one read transaction, for a caller that decides
   * from the candidates where the search runs and then runs it with {@link SearchSpec.Builder#prepared}.
   *
   * @throws LdapNoSuchObjectException if the base is missing and the filter has few candidates
   */
  public Optional<SearchStart> prepare(Dn base, Scope scope, ExprNode filter, long limit) throws LdapException {
    return search.prepare(base, scope, filter, limit);
  }

  /**
   * Checks, in one read transaction, that dn2id, id2entry and every index agree: each entry has
   * its tree nodes, each subtree count equals the entries below, and each index holds exactly the
   * keys of the entries' values.
   *
   * @return the problems found, empty when the database is consistent
   */
  public List<String> verify() {
    try (ReadTxn r = tables.env().beginRead()) {
      return new Verifier(tables, resolver, r.txn()).run();
    }
  }

  /** Sizes, counts and configuration of the database. */
  public StoreStats stats() {
    return StatsReader.read(tables, reindexNeeded, storedIndexConfig, maxReaders);
  }

  /** Raises (or lowers) the cap on the map, e.g. after a "database full" error. */
  public void setMaxSize(long bytes) {
    tables.env().setMaxSize(bytes);
  }

  /** Closes the environment; cursors still open fail on their next call. */
  @Override
  public void close() {
    tables.env().close();
  }
}
