package io.mdbldap.backend;

import io.mdbldap.backend.entry.ComputedAttributes;
import io.mdbldap.backend.error.StoreErrors;
import io.mdbldap.backend.search.PartitionSearch;
import io.mdbldap.backend.txn.MdbWriteTxn;
import io.mdbldap.backend.update.ModDnWriter;
import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.IndexKind;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.StoreConfig;
import io.mdbldap.store.search.SearchStart;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.csn.CsnFactory;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.exception.LdapOtherException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.DnFactory;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursorImpl;
import org.apache.directory.server.core.api.interceptor.context.AddOperationContext;
import org.apache.directory.server.core.api.interceptor.context.DeleteOperationContext;
import org.apache.directory.server.core.api.interceptor.context.HasEntryOperationContext;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.ModifyOperationContext;
import org.apache.directory.server.core.api.interceptor.context.MoveAndRenameOperationContext;
import org.apache.directory.server.core.api.interceptor.context.MoveOperationContext;
import org.apache.directory.server.core.api.interceptor.context.OperationContext;
import org.apache.directory.server.core.api.interceptor.context.RenameOperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.core.api.interceptor.context.UnbindOperationContext;
import org.apache.directory.server.core.api.partition.AbstractPartition;
import org.apache.directory.server.core.api.partition.PartitionReadTxn;
import org.apache.directory.server.core.api.partition.PartitionTxn;
import org.apache.directory.server.core.api.partition.PartitionWriteTxn;
import org.apache.directory.server.core.api.partition.Subordinates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ApacheDS partition over one mdb-store database (one slapd.conf {@code database mdb}
 * section): the adapter between ApacheDS's operation contexts and {@link MdbStore}.
 *
 * <p>Set the id and suffix with the {@code AbstractPartition} setters, then {@link #initialize()}
 * opens the store for {@link #getSuffixDn()}. How ApacheDS's contract is met:
 *
 * <ul>
 *   <li><b>Transactions.</b> The store commits each update in its own LMDB transaction, so the
 *       ApacheDS transactions are handles: reads get a no-op {@link PartitionReadTxn} (ApacheDS
 *       leaves many unclosed, and iterates cursors after closing them), writes an {@link
 *       MdbWriteTxn} that can commit or abort nothing and says so when an abort comes too late.
 *   <li><b>Entries out</b> carry {@code entryDN} and {@code entryParentId}, derived on reading
 *       ({@link ComputedAttributes}); a lookup returns a {@link ClonedServerEntry}.
 *   <li><b>contextCSN</b> is the highest {@code entryCSN} written, kept in memory and saved on the
 *       context entry by its own short write: when the suffix is read, on {@code sync()} and on
 *       shutdown (never inside another write), without touching that entry's {@code entryCSN}.
 *   <li><b>Searches</b> stream from the store through a bidirectional cursor; aliases are
 *       dereferenced in every mode ({@link PartitionSearch}).
 *   <li><b>Errors</b>: the store's LDAP outcomes pass through; storage failures are mapped in
 *       {@link StoreErrors}.
 * </ul>
 *
 * <p>Thread-safe once initialized.
 */
public final class MdbPartition extends AbstractPartition {
  private static final Logger LOG = LoggerFactory.getLogger(MdbPartition.class);

  private final Function<Dn, StoreConfig> configFor;
  private final IndexConfig.Builder addedIndices = IndexConfig.builder();
  private final Object csnLock = new Object();
  private final AtomicLong updates = new AtomicLong();
  private final AttributeType entryCsn;
  private final AttributeType contextCsn;
  private MdbStore store;
  private ComputedAttributes computed;
  private PartitionSearch searches;
  private ModDnWriter modDn;

  /**
   * A partition over the database {@code config} describes. Its suffix starts as the
   * configuration's; if {@link #setSuffixDn} names another before {@link #initialize()}, that one
   * is used, with the rest of the configuration unchanged.
   */
  public MdbPartition(SchemaManager schemaManager, DnFactory dnFactory, StoreConfig config) {
    this(schemaManager, dnFactory, suffix -> config);
    try {
      setSuffixDn(new Dn(schemaManager, config.suffix()));
    } catch (LdapInvalidDnException e) {
      throw new IllegalArgumentException("invalid suffix \"" + config.suffix() + "\": " + e.getMessage(), e);
    }
  }

  /**
   * A partition whose database configuration is made from its suffix when it is initialized (the
   * suffix must then be set with {@link #setSuffixDn}). The suffix always wins over the one the
   * configuration names.
   */
  public MdbPartition(SchemaManager schemaManager, DnFactory dnFactory, Function<Dn, StoreConfig> configFor) {
    this.schemaManager = schemaManager;
    this.dnFactory = dnFactory;
    this.configFor = configFor;
    this.entryCsn = schemaManager.getAttributeType(SchemaConstants.ENTRY_CSN_AT);
    this.contextCsn = schemaManager.getAttributeType(SchemaConstants.CONTEXT_CSN_AT);
  }

  /**
   * Indexes {@code attribute} with {@code kinds} too, from the next {@link #initialize()} on (as
   * with JDBM, an initialized partition takes new indices when it is restarted). On a database
   * built with other indices the store then searches with only the indices both configurations
   * share, until they are rebuilt with the offline index tool: results stay right meanwhile.
   */
  public void addIndex(String attribute, Set<IndexKind> kinds) {
    synchronized (addedIndices) {
      addedIndices.add(attribute, kinds);
    }
  }

  // ------------------------------------------------------------------ lifecycle

  @Override
  protected void doInit() throws LdapException {
    if (suffixDn == null) {
      throw new LdapOtherException("partition " + id + " has no suffix: call setSuffixDn before initialize");
    }
    IndexConfig added;
    synchronized (addedIndices) {
      added = addedIndices.build();
    }
    StoreConfig config = StoreConfigs.with(configFor.apply(suffixDn), suffixDn.getName(), added);
    store = StoreErrors.call("open", config.directory(), () -> MdbStore.open(config, schemaManager));
    if (store.reindexNeeded()) {
      LOG.warn("partition {}: the index configuration changed since the indices were built; "
          + "searches use only the indices both agree on until they are rebuilt", id);
    }
    computed = new ComputedAttributes(store, schemaManager);
    searches = new PartitionSearch(store, schemaManager, computed);
    modDn = new ModDnWriter(store, computed);
    addContextEntryIfMissing();
    loadContextCsn();
    LOG.debug("partition {} ({}) opened in {}", id, suffixDn, config.directory());
  }

  /**
   * Whether the indices were built with another index configuration than this partition's (see
   * {@link MdbStore#reindexNeeded()}); a server refuses such a database until it is reindexed.
   */
  public boolean reindexNeeded() {
    return store.reindexNeeded();
  }

  @Override
  protected void doDestroy(PartitionTxn txn) throws LdapException {
    if (store == null) {
      return;
    }
    try {
      saveContextCsn(txn);
    } finally {
      store.close();
      store = null;
    }
  }

  /** Checks the database (dn2id, id2entry, indices agree); the store cannot mend it. */
  @Override
  protected void doRepair() throws LdapException {
    List<String> problems = StoreErrors.call("verify", suffixDn, () -> store.verify());
    if (!problems.isEmpty()) {
      throw new LdapOtherException("partition " + id + " has " + problems.size() + " problems, the first: "
          + problems.get(0) + "; reload it from an LDIF export");
    }
  }

  /** As JDBM does, a context entry given with {@link #setContextEntry} is added if missing. */
  private void addContextEntryIfMissing() throws LdapException {
    if (contextEntry == null || store.exists(suffixDn)) {
      return;
    }
    Entry entry = new DefaultEntry(schemaManager, contextEntry);
    if (!suffixDn.equals(entry.getDn())) {
      throw new LdapOtherException("the context entry " + entry.getDn() + " is not the suffix " + suffixDn);
    }
    if (entry.get(entryCsn) == null) {
      entry.add(entryCsn, new CsnFactory(0).newInstance().toString());
    }
    if (entry.get(SchemaConstants.ENTRY_UUID_AT) == null) {
      entry.add(SchemaConstants.ENTRY_UUID_AT, UUID.randomUUID().toString());
    }
    StoreErrors.call("add", suffixDn, () -> store.add(entry));
    advanceContextCsn(entry);
  }

  // ------------------------------------------------------------------ transactions

  @Override
  public PartitionReadTxn beginReadTransaction() {
    return new PartitionReadTxn();
  }

  @Override
  public PartitionWriteTxn beginWriteTransaction() {
    return new MdbWriteTxn(getId());
  }

  // ------------------------------------------------------------------ updates

  @Override
  public void add(AddOperationContext ctx) throws LdapException {
    Entry entry = ctx.getEntry() instanceof ClonedServerEntry cloned ? cloned.getClonedEntry() : ctx.getEntry();
    computed.strip(entry);
    StoreErrors.call("add", entry.getDn(), () -> store.add(entry));
    committed(ctx, "add", entry);
  }

  @Override
  public Entry delete(DeleteOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    Entry deleted = StoreErrors.call("delete", dn, () -> store.delete(dn));
    // The context's entry carries the delete's own CSN (ApacheDS sets it for replication).
    committed(ctx, "delete", ctx.getEntry());
    return complete(deleted);
  }

  @Override
  public void modify(ModifyOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    Entry modified = StoreErrors.call("modify", dn, () -> store.modify(dn, ctx.getModItems()));
    committed(ctx, "modify", modified);
    ctx.setAlteredEntry(complete(modified));
  }

  @Override
  public void rename(RenameOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    Entry renamed = StoreErrors.call("rename", dn,
        () -> modDn.rename(dn, ctx.getNewRdn(), ctx.getDeleteOldRdn(), ctx.getModifiedEntry()));
    committed(ctx, "rename", renamed);
  }

  @Override
  public void move(MoveOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    Entry moved = StoreErrors.call("move", dn,
        () -> modDn.moveAndRename(dn, ctx.getNewSuperior(), null, false, ctx.getModifiedEntry()));
    committed(ctx, "move", moved);
  }

  /** ApacheDS's SchemaInterceptor has already applied the RDN rules to the modified entry. */
  @Override
  public void moveAndRename(MoveAndRenameOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    Entry moved = StoreErrors.call("moveAndRename", dn, () -> modDn.moveAndRename(dn, ctx.getNewSuperiorDn(),
        ctx.getNewRdn(), ctx.getDeleteOldRdn(), ctx.getModifiedEntry()));
    committed(ctx, "moveAndRename", moved);
  }

  private void committed(OperationContext ctx, String operation, Entry written) {
    computed.updated();
    updates.incrementAndGet();
    advanceContextCsn(written);
    MdbWriteTxn.recordCommitted(ctx.getTransaction(), operation + " " + ctx.getDn());
  }

  // ------------------------------------------------------------------ reads

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    return new EntryFilteringCursorImpl(entries(ctx, null), ctx, schemaManager);
  }

  /**
   * The entries the search {@code ctx} describes (its filter normalized) finds, as {@link #search} returns them but
   * without ApacheDS's filtering cursor around them: for a caller that selects the attributes itself, as the
   * server's short search path does. The search starts from {@code prepared} ({@link #prepare}) if it is not null.
   * A missing base fails with noSuchObject; a missing suffix is an empty result.
   */
  public Cursor<Entry> entries(SearchOperationContext ctx, SearchStart prepared) throws LdapException {
    Dn base = ctx.getDn();
    if (base.equals(suffixDn)) {
      saveContextCsn(ctx.getTransaction());
    }
    return StoreErrors.call("search", base, () -> searches.start(ctx, prepared));
  }

  /**
   * The start of a search of {@code base} (schema-aware) in {@code scope} with {@code filter} (as decoded, or
   * normalized), made if the filter has at most {@code limit} candidates whatever the base and scope, as told from the
   * equality indices' counts before an ID list is read: cheap enough to ask before choosing the thread that runs a
   * search, and then {@link #entries(SearchOperationContext, SearchStart)} does not do the work again. Empty when
   * the candidates may be more, or unsure, and before the partition is initialized. A missing base fails with
   * noSuchObject, as the search would.
   */
  public Optional<SearchStart> prepare(Dn base, SearchScope scope, ExprNode filter, long limit) throws LdapException {
    MdbStore opened = store;
    return opened == null ? Optional.empty()
        : StoreErrors.call("search", base, () -> opened.prepare(base, Scope.of(scope), filter, limit));
  }

  /**
   * Whether a search of this partition with {@code filter} (as decoded, not yet normalized) tests
   * at most {@code limit} entries whatever its base and scope, told from the equality indices'
   * counts without reading an ID list. False when unsure, and before the partition is initialized.
   */
  public boolean fewCandidates(ExprNode filter, long limit) {
    MdbStore opened = store;
    return opened != null && opened.fewCandidates(filter, limit);
  }

  /**
   * How many updates this partition has committed since it was created, counted just after each commit: what a
   * reader found before the count moved holds as long as it does not move.
   */
  public long updates() {
    return updates.get();
  }

  @Override
  public Entry lookup(LookupOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    if (dn.equals(suffixDn)) {
      saveContextCsn(ctx.getTransaction());
    }
    Entry entry = StoreErrors.call("lookup", dn, () -> store.lookup(dn));
    return entry == null ? null : new ClonedServerEntry(complete(entry));
  }

  @Override
  public boolean hasEntry(HasEntryOperationContext ctx) throws LdapException {
    Dn dn = ctx.getDn();
    return StoreErrors.call("hasEntry", dn, () -> store.exists(dn));
  }

  /** Counts from dn2id; an entry deleted since it was read has none. */
  @Override
  public Subordinates getSubordinates(PartitionTxn txn, Entry entry) throws LdapException {
    Subordinates result = new Subordinates();
    try {
      io.mdbldap.store.Subordinates counts =
          StoreErrors.call("count subordinates of", entry.getDn(), () -> store.subordinates(entry.getDn()));
      result.setNbChildren(counts.children());
      result.setNbSubordinates(counts.subtree() - 1);
    } catch (LdapNoSuchObjectException deletedMeanwhile) {
      LOG.debug("no subordinates for {}: it is gone", entry.getDn());
    }
    return result;
  }

  @Override
  public void unbind(UnbindOperationContext ctx) {
    // nothing is held per session
  }

  private Entry complete(Entry stored) throws LdapException {
    return StoreErrors.call("read", stored.getDn(), () -> computed.completer().complete(stored));
  }

  // ------------------------------------------------------------------ contextCSN

  /** Remembers {@code written}'s entryCSN as the contextCSN if it is the highest yet. */
  private void advanceContextCsn(Entry written) {
    Attribute attribute = written == null ? null : written.get(entryCsn);
    if (attribute == null) {
      return;
    }
    String csn = attribute.get().getString();
    synchronized (csnLock) {
      String current = getContextCsn(null);
      // CSNs are fixed-width fields, most significant first: text order is time order.
      if (current == null || csn.compareTo(current) > 0) {
        setContextCsn(csn);
      }
    }
  }

  private void loadContextCsn() throws LdapException {
    Entry context = StoreErrors.call("lookup", suffixDn, () -> store.lookup(suffixDn));
    Attribute saved = context == null ? null : context.get(contextCsn);
    if (saved != null) {
      synchronized (csnLock) {
        setContextCsn(saved.get().getString());
        ctxCsnChanged = false;
      }
    }
  }

  /** Saves the contextCSN on the context entry, if it changed, in a write of its own. */
  @Override
  public void saveContextCsn(PartitionTxn txn) throws LdapException {
    synchronized (csnLock) {
      String csn = getContextCsn(txn);
      if (!ctxCsnChanged || csn == null) {
        return;
      }
      try {
        StoreErrors.call("save the contextCSN of", suffixDn, () -> store.modify(suffixDn,
            List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, contextCsn, csn))));
      } catch (LdapNoSuchObjectException noContextEntry) {
        return; // not created yet, or deleted: the next save will do
      }
      ctxCsnChanged = false;
    }
  }
}
