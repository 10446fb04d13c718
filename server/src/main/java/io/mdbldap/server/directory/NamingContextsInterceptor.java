package io.mdbldap.server.directory;

import java.util.List;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.filtering.EntryFilter;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * Lists only the configured databases in the root DSE's namingContexts, as slapd does. ApacheDS
 * would also list its internal {@code ou=system} and {@code ou=schema}, and clients that take the
 * first naming context as their default base would end up there.
 *
 * <p>Thread-safe.
 */
final class NamingContextsInterceptor extends BaseInterceptor {
  static final String NAME = "mdbldapNamingContextsInterceptor";

  private static final List<String> INTERNAL = List.of(ServerDNConstants.SYSTEM_DN, SchemaConstants.OU_SCHEMA);

  NamingContextsInterceptor() {
    super(NAME);
  }

  @Override
  public Entry lookup(LookupOperationContext ctx) throws LdapException {
    Entry entry = next(ctx);
    if (ctx.getDn().isRootDse()) {
      hideInternal(entry);
    }
    return entry;
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    EntryFilteringCursor cursor = next(ctx);
    if (ctx.getDn().isRootDse()) {
      cursor.addEntryFilter(new RootDseFilter());
    }
    return cursor;
  }

  private static void hideInternal(Entry entry) {
    Attribute namingContexts = entry == null ? null : entry.get(SchemaConstants.NAMING_CONTEXTS_AT);
    if (namingContexts != null) {
      INTERNAL.forEach(namingContexts::remove);
    }
  }

  /** Hides the internal contexts from a root DSE read by search. */
  private static final class RootDseFilter implements EntryFilter {
    @Override
    public boolean accept(SearchOperationContext ctx, Entry entry) {
      if (Dn.isNullOrEmpty(entry.getDn())) {
        hideInternal(entry);
      }
      return true;
    }

    @Override
    public String toString(String tabs) {
      return tabs + "RootDseFilter";
    }
  }
}
