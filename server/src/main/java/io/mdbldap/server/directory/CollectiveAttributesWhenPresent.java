package io.mdbldap.server.directory;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.core.collective.CollectiveAttributeInterceptor;

/**
 * ApacheDS's {@link CollectiveAttributeInterceptor}, without its read-time work while the directory
 * holds no subentry: collective attributes (RFC 3671) only come from collective attribute
 * subentries, so with none there is nothing to inject, yet every lookup and every search result
 * paid for an entry filter that looked for subentry references.
 *
 * <p>"No subentry" is ApacheDS's subentry cache being empty, as for {@link SubentriesWhenPresent}:
 * one counter read per operation. The checks on add and modify (no collective attribute outside a
 * collective attribute subentry) are the original's.
 */
final class CollectiveAttributesWhenPresent extends CollectiveAttributeInterceptor {
  @Override
  public Entry lookup(LookupOperationContext lookupContext) throws LdapException {
    return noSubentry() ? next(lookupContext) : super.lookup(lookupContext);
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext searchContext) throws LdapException {
    return noSubentry() ? next(searchContext) : super.search(searchContext);
  }

  private boolean noSubentry() {
    return directoryService.getSubentryCache().getCacheSize() == 0;
  }
}
