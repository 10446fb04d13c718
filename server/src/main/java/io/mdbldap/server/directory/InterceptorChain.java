package io.mdbldap.server.directory;

import io.mdbldap.conf.ServerConfig;
import io.mdbldap.server.access.AccessControlInterceptor;
import io.mdbldap.server.access.AccessPolicies;
import io.mdbldap.server.access.Databases;
import io.mdbldap.server.access.PasswordHashing;
import io.mdbldap.server.access.RootDnAuthenticator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.core.api.InterceptorEnum;
import org.apache.directory.server.core.api.interceptor.Interceptor;
import org.apache.directory.server.core.authn.AnonymousAuthenticator;
import org.apache.directory.server.core.authn.AuthenticationInterceptor;
import org.apache.directory.server.core.authn.Authenticator;
import org.apache.directory.server.core.authz.DefaultAuthorizationInterceptor;
import org.apache.directory.server.core.collective.CollectiveAttributeInterceptor;
import org.apache.directory.server.core.normalization.NormalizationInterceptor;
import org.apache.directory.server.core.subtree.SubentryInterceptor;

/**
 * ApacheDS's default interceptor chain, fitted to a slapd-like server: the
 * {@link PagedResultsWorkaround} first, {@link ExtensibleMatchExpansion} before filters are
 * normalized, binds checked by {@link RootDnAuthenticator}, the {@link AccessControlInterceptor},
 * {@link PasswordHashing} (unless {@code password-hash {CLEARTEXT}}) and
 * {@link NamingContextsInterceptor} right after authentication, ApacheDS's default authorization
 * checked on searches only where it can hide something ({@link SystemEntriesAuthorization}),
 * subentries and collective attributes handled only while a subentry exists
 * ({@link SubentriesWhenPresent}, {@link CollectiveAttributesWhenPresent}), and without the
 * interceptors of features the server does not offer. The event interceptor stays as it is: it
 * does nothing on reads, and on writes it stops at an empty list of listeners.
 */
final class InterceptorChain {
  /**
   * Each costs every operation a call, and the first two a search of every database at start:
   * X.500 access control (access rules come from the configuration instead), stored-procedure
   * triggers, and the changelog and journal, which are off.
   */
  private static final Set<String> UNUSED = Set.of(
      InterceptorEnum.ACI_AUTHORIZATION_INTERCEPTOR.getName(),
      InterceptorEnum.TRIGGER_INTERCEPTOR.getName(),
      InterceptorEnum.CHANGE_LOG_INTERCEPTOR.getName(),
      InterceptorEnum.JOURNAL_INTERCEPTOR.getName());

  private InterceptorChain() {}

  /** The chain to give {@code DirectoryService.setInterceptors}, made from its default chain. */
  static List<Interceptor> fit(List<Interceptor> defaults, ServerConfig config) {
    Databases databases = Databases.of(config.databases());
    AccessPolicies policies = AccessPolicies.of(config);
    SchemaManager schemaManager = config.schemaManager();
    List<Interceptor> chain = new ArrayList<>();
    chain.add(new PagedResultsWorkaround());
    for (Interceptor interceptor : defaults) {
      if (UNUSED.contains(interceptor.getName())) {
        continue;
      }
      if (interceptor instanceof NormalizationInterceptor) {
        chain.add(new ExtensibleMatchExpansion());
      }
      if (interceptor instanceof DefaultAuthorizationInterceptor) {
        chain.add(new SystemEntriesAuthorization(schemaManager));
        continue;
      }
      if (interceptor instanceof SubentryInterceptor) {
        chain.add(new SubentriesWhenPresent());
        continue;
      }
      if (interceptor instanceof CollectiveAttributeInterceptor) {
        chain.add(new CollectiveAttributesWhenPresent());
        continue;
      }
      chain.add(interceptor);
      if (interceptor instanceof AuthenticationInterceptor authentication) {
        // No SASL mechanism is offered, so no StrongAuthenticator.
        authentication.setAuthenticators(new Authenticator[] {
            new AnonymousAuthenticator(Dn.ROOT_DSE),
            new RootDnAuthenticator(databases, policies, schemaManager)});
        chain.add(new AccessControlInterceptor(databases, policies));
        config.security().passwordHash().ifPresent(scheme -> chain.add(new PasswordHashing(scheme)));
        chain.add(new NamingContextsInterceptor());
      }
    }
    return chain;
  }
}
