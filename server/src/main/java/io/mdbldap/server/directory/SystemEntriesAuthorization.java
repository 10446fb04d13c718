package io.mdbldap.server.directory;

import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;
import org.apache.directory.server.core.authz.DefaultAuthorizationInterceptor;

/**
 * ApacheDS's default authorization, whose search filter hides ApacheDS's administrator, users and
 * groups ({@code ou=system}) from other users, checked only on searches that can reach {@code
 * ou=system}: from the root DSE or from within it. A search of a configured database returns
 * entries of that database only (aliases are not followed across databases), none of which the
 * filter could hide, and it would cost every returned entry a few DN comparisons.
 */
final class SystemEntriesAuthorization extends DefaultAuthorizationInterceptor {
  private final Dn system;

  SystemEntriesAuthorization(SchemaManager schemaManager) {
    try {
      // Parsed with the schema, as the searches' base DNs are, so that they compare.
      this.system = new Dn(schemaManager, ServerDNConstants.SYSTEM_DN);
    } catch (LdapException e) {
      throw new IllegalStateException("cannot parse " + ServerDNConstants.SYSTEM_DN, e);
    }
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    Dn base = ctx.getDn();
    return base.isRootDse() || base.isDescendantOf(system) ? super.search(ctx) : next(ctx);
  }
}
