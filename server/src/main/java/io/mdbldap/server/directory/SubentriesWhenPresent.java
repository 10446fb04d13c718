package io.mdbldap.server.directory;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.controls.Subentries;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.core.subtree.SubentryInterceptor;

/**
 * ApacheDS's {@link SubentryInterceptor}, without its per-entry filter on one-level and subtree
 * searches while the directory holds no subentry (RFC 3672): that filter hides subentries, so with
 * none it can hide nothing, yet it cost every result a DN hash lookup and an objectClass test.
 *
 * <p>"No subentry" is ApacheDS's own subentry cache being empty: the interceptor loads every
 * subentry into it at start and keeps it in step with add, delete, modify and rename, so the test
 * is one counter read per search. A search with the Subentries control, which asks to see only
 * subentries, still goes through the filter. Everything else (the operational attributes on
 * writes, the administrative points) is the original's.
 */
final class SubentriesWhenPresent extends SubentryInterceptor {
  @Override
  public EntryFilteringCursor search(SearchOperationContext searchContext) throws LdapException {
    if (directoryService.getSubentryCache().getCacheSize() == 0 && !searchContext.hasRequestControl(Subentries.OID)) {
      return next(searchContext);
    }
    return super.search(searchContext);
  }
}
