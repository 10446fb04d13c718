package io.mdbldap.store.search;

import io.mdbldap.store.Scope;
import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.index.IdSet;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * The start of a search made in advance ({@link StoreSearch#prepare}): the base resolved, the filter compiled and the
 * IDs to test, all from one read transaction, as back-mdb's {@code mdb_search} gets the base entry and then the
 * candidates. A caller that must look at a search's candidates before running it (to choose the thread that runs it)
 * hands this to the search ({@link io.mdbldap.store.SearchSpec.Builder#prepared}) rather than have it do that work
 * again. The search then behaves as if it had started when this was made: entries are still read as committed when
 * the cursor reaches them.
 *
 * <p>For one search only: the cursor takes the IDs as they are. Confined to the thread that hands it over.
 */
public final class SearchStart {
  final Dn base;
  final Scope scope;
  final Filter filter;
  final IdSet toTest;
  final long baseId;

  SearchStart(Dn base, Scope scope, Filter filter, long baseId, IdSet toTest) {
    this.base = base;
    this.scope = scope;
    this.filter = filter;
    this.baseId = baseId;
    this.toTest = toTest;
  }

  /** Whether this was made for a search of {@code searchBase} (schema-aware) in {@code searchScope}. */
  boolean isFor(Dn searchBase, Scope searchScope) {
    return scope == searchScope && base.getNormName().equals(searchBase.getNormName());
  }

  DnResolver.Named named() {
    return new DnResolver.Named(baseId, base);
  }
}
