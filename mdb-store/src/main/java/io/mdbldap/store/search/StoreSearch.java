package io.mdbldap.store.search;

import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.env.ReadTxn;
import io.mdbldap.store.index.IdSet;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.PrimitiveIterator;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Txn;

/**
 * Starts searches, back-mdb style: resolve the base through dn2id, compute candidates from the
 * filter, then walk whichever is smaller, the scope or the candidates, into the set of IDs to
 * test. That set is all a cursor holds; entries are read later, a page per read transaction.
 */
public final class StoreSearch {
  private final Tables tables;
  private final DnResolver resolver;
  private final FilterCompiler compiler;
  private final Candidates candidates;
  private final Matcher matcher;

  public StoreSearch(Tables tables) {
    this.tables = tables;
    this.resolver = new DnResolver(tables);
    this.compiler = new FilterCompiler(tables.schema());
    this.candidates = new Candidates(tables.indices());
    this.matcher = new Matcher(tables.ad2i(), tables.schema().getObjectClassRegistry());
  }

  /** Starts the search {@code spec} describes, from its {@linkplain SearchSpec#prepared() prepared start} if it has one. */
  public SearchCursor start(SearchSpec spec) throws LdapException {
    Dn base = resolver.normalize(spec.base());
    SearchStart start = spec.prepared();
    if (start == null || !start.isFor(base, spec.scope())) {
      start = begin(base, spec.scope(), compiler.compile(spec.filter()));
    }
    return new StoreSearchCursor(tables, resolver, matcher, start.filter, start.toTest, spec, start.named());
  }

  private SearchStart begin(Dn base, Scope scope, Filter filter) throws LdapNoSuchObjectException {
    try (ReadTxn r = tables.env().beginRead()) {
      return begin(r.txn(), base, resolver.require(r.txn(), base), scope, filter);
    }
  }

  private SearchStart begin(Txn<ByteBuffer> txn, Dn base, long baseId, Scope scope, Filter filter) {
    return new SearchStart(base, scope, filter, baseId, idsToTest(txn, baseId, scope, candidates.of(txn, filter)));
  }

  /**
   * The start of a search of {@code base} in {@code scope} with {@code filter} if its filter has at most {@code limit}
   * candidates, told from the indices' counts (see {@link #fewCandidates}) before any ID list is read; else empty. In
   * one read transaction: the count, the candidates, the base and the scope's IDs.
   *
   * @throws LdapNoSuchObjectException if the base is missing (and the filter has few candidates)
   */
  public Optional<SearchStart> prepare(Dn base, Scope scope, ExprNode filter, long limit) throws LdapException {
    Dn normalized = resolver.normalize(base);
    Filter compiled = compiler.compile(filter);
    try (ReadTxn r = tables.env().beginRead()) {
      if (!candidates.atMost(r.txn(), compiled, limit)) {
        return Optional.empty();
      }
      long baseId = resolver.require(r.txn(), normalized);
      return Optional.of(begin(r.txn(), normalized, baseId, scope, compiled));
    }
  }

  /**
   * Whether a search with {@code filter} tests at most {@code limit} entries, whatever its base and
   * scope: told from the indices' counts of IDs per key, in one short read transaction.
   */
  public boolean fewCandidates(ExprNode filter, long limit) {
    Filter compiled = compiler.compile(filter);
    try (ReadTxn r = tables.env().beginRead()) {
      return candidates.atMost(r.txn(), compiled, limit);
    }
  }

  private IdSet idsToTest(Txn<ByteBuffer> txn, long baseId, Scope scope, IdSet cand) {
    if (scope == Scope.BASE) {
      return cand.contains(baseId) ? IdSet.of(baseId) : IdSet.empty();
    }
    Dn2Id dn2id = tables.dn2id();
    long scopeSize = scope == Scope.ONE ? dn2id.childCount(txn, baseId) : dn2id.self(txn, baseId).nsubs();
    return cand.isAll() || scopeSize <= cand.size()
        ? walkScope(txn, baseId, scope, cand)
        : filterByScope(txn, baseId, scope, cand);
  }

  private IdSet walkScope(Txn<ByteBuffer> txn, long baseId, Scope scope, IdSet cand) {
    IdSet ids = IdSet.empty();
    if (scope == Scope.ONE) {
      tables.dn2id().forEachChild(txn, baseId, id -> addIf(ids, cand, id));
    } else {
      tables.dn2id().forEachInSubtree(txn, baseId, id -> {
        if (scope == Scope.SUB || id != baseId) {
          addIf(ids, cand, id);
        }
      });
    }
    return ids;
  }

  private static void addIf(IdSet ids, IdSet cand, long id) {
    if (cand.contains(id)) {
      ids.add(id);
    }
  }

  private IdSet filterByScope(Txn<ByteBuffer> txn, long baseId, Scope scope, IdSet cand) {
    Dn2Id dn2id = tables.dn2id();
    IdSet ids = IdSet.empty();
    for (PrimitiveIterator.OfLong it = cand.iterator(); it.hasNext(); ) {
      long id = it.nextLong();
      Dn2Id.Node node = dn2id.self(txn, id);
      if (node == null) {
        continue;
      }
      boolean in = scope == Scope.ONE
          ? node.parentId() == baseId
          : (id == baseId ? scope == Scope.SUB : dn2id.isSelfOrDescendant(txn, node.parentId(), baseId));
      if (in) {
        ids.add(id);
      }
    }
    return ids;
  }
}
