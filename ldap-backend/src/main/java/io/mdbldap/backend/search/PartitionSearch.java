package io.mdbldap.backend.search;

import io.mdbldap.backend.entry.ComputedAttributes;
import io.mdbldap.backend.entry.EntryCompleter;
import io.mdbldap.backend.error.StoreErrors;
import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchSpec;
import io.mdbldap.store.search.SearchStart;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.cursor.EmptyCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * Runs ApacheDS searches against the store: resolves the base, dereferences aliases as the
 * request asks, and hands back a bidirectional cursor of completed entries.
 *
 * <p>Everything but the abandon flag (asked live) is read from the context before {@link #start}
 * returns: ApacheDS reuses one context for a root-DSE search over all partitions, changing its
 * base and scope in between. A
 * search of the suffix before the context entry exists is empty rather than noSuchObject, since
 * ApacheDS's interceptors search every suffix at startup.
 *
 * <p>Size and time limits are not handed to the store: ApacheDS enforces them above the partition,
 * after its own entry filters (ACI, subentries) and sorting, so a partition-level limit would cut
 * the wrong entries. The time limit still stops the store early, through {@link SearchInterrupt}.
 *
 * <p>Thread-safe.
 */
public final class PartitionSearch {
  private final MdbStore store;
  private final ComputedAttributes computed;
  private final Aliases aliases;
  private final SchemaManager schema;
  private final Bookkeeping bookkeeping;

  public PartitionSearch(MdbStore store, SchemaManager schema, ComputedAttributes computed) {
    this.store = store;
    this.schema = schema;
    this.computed = computed;
    this.aliases = new Aliases(store, schema);
    this.bookkeeping = new Bookkeeping(schema);
  }

  /**
   * Starts the search the context describes, from {@code prepared} ({@link MdbStore#prepare}) if it is not null and
   * was made for its base and scope; a search that dereferences aliases starts from scratch.
   */
  public Cursor<Entry> start(SearchOperationContext ctx, SearchStart prepared) throws LdapException {
    Predicate<AttributeType> returned = type -> ctx.contains(schema, type);
    Request request = new Request(Scope.of(ctx.getScope()), ctx.getFilter(), new SearchInterrupt(ctx::isAbandoned),
        computed.completer().onlyReturned(returned), bookkeeping.decoded(returned));
    AliasDerefMode deref = ctx.getAliasDerefMode();
    Dn base = deref.isDerefFindingBase() ? effectiveBase(ctx.getDn()) : ctx.getDn();
    EntrySource source;
    try {
      source = deref.isDerefInSearching() && request.scope != Scope.BASE
          ? dereferencing(base, request)
          : request.source(base, request.scope, deref.isDerefFindingBase() ? null : prepared);
    } catch (LdapNoSuchObjectException e) {
      if (base.equals(store.suffix())) {
        return new EmptyCursor<>();
      }
      throw e;
    }
    return new EntryCursor(source, id -> reread(id, request.completer), request.interrupt);
  }

  /** The base after dereferencing; a missing base is left for the search to report. */
  private Dn effectiveBase(Dn base) throws LdapException {
    Entry entry = store.lookup(base);
    return entry == null ? base : aliases.effectiveBase(entry);
  }

  /**
   * The non-alias entries in scope, then the alias targets dereferencing brings in, each tested
   * against the filter when its turn comes.
   */
  private EntrySource dereferencing(Dn base, Request request) throws LdapException {
    Request noAliases = request.withFilter(new AndNode(request.filter, aliases.notAlias()));
    List<ConcatSource.Starter> parts = new ArrayList<>();
    EntrySource inScope = noAliases.source(base, request.scope, null);
    parts.add(() -> inScope);
    for (Dn target : aliases.targetsInScope(base, request.scope, request.interrupt)) {
      parts.add(() -> noAliases.sourceIfExists(target));
    }
    return new ConcatSource(parts);
  }

  private Entry reread(long id, EntryCompleter completer) throws LdapException {
    return StoreErrors.call("read again", "entry " + id, () -> {
      Entry entry = store.lookup(id);
      return entry == null ? null : completer.complete(entry);
    });
  }

  /** What one search asks for, once read out of the context. */
  private final class Request {
    final Scope scope;
    final ExprNode filter;
    final SearchInterrupt interrupt;
    final EntryCompleter completer;
    final Predicate<AttributeType> decoded;

    Request(Scope scope, ExprNode filter, SearchInterrupt interrupt, EntryCompleter completer,
        Predicate<AttributeType> decoded) {
      this.scope = scope;
      this.filter = filter;
      this.interrupt = interrupt;
      this.completer = completer;
      this.decoded = decoded;
    }

    Request withFilter(ExprNode other) {
      return new Request(scope, other, interrupt, completer, decoded);
    }

    /** The entries of a search of {@code base} in {@code searchScope}, from {@code prepared} if not null. */
    EntrySource source(Dn base, Scope searchScope, SearchStart prepared) throws LdapException {
      SearchSpec spec = SearchSpec.builder(base).scope(searchScope).filter(filter).cancelled(interrupt)
          .decoded(decoded).prepared(prepared).build();
      return new StoreSource(base, store.search(spec), completer);
    }

    /** An alias target read as a base-scope search; it may have gone since the aliases were read. */
    EntrySource sourceIfExists(Dn target) throws LdapException {
      try {
        return source(target, Scope.BASE, null);
      } catch (LdapNoSuchObjectException gone) {
        return EntrySource.EMPTY;
      }
    }
  }
}
