package io.mdbldap.server.access;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.server.access.acl.AccessLevel;
import io.mdbldap.server.access.acl.Requester;
import io.mdbldap.server.access.acl.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.AuthenticationLevel;
import org.apache.directory.api.ldap.model.exception.LdapAuthenticationException;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.password.PasswordUtil;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.LdapPrincipal;
import org.apache.directory.server.core.api.interceptor.context.BindOperationContext;
import org.apache.directory.server.core.authn.SimpleAuthenticator;

/**
 * Simple binds as slapd checks them: a database's rootdn with its {@code rootpw} (plain text or a
 * {@code {SSHA}}-style hash), even though no entry exists for it; everyone else against the
 * userPassword of their entry, as ApacheDS's {@link SimpleAuthenticator} does, hashed in any scheme the Apache
 * LDAP API knows, and only where the access rules give anonymous clients {@code auth} access to it: slapd checks a
 * bind's access as the anonymous client it still is.
 *
 * <p>Binds to DNs under {@code ou=system} are refused: that subtree is ApacheDS's bookkeeping, and
 * its {@code uid=admin} account would otherwise answer to ApacheDS's well-known default password.
 */
public final class RootDnAuthenticator extends SimpleAuthenticator {
  private final Databases databases;
  private final AccessPolicies policies;
  private final Dn internal;

  /**
   * An authenticator for the binds of every DN, with the root DNs of {@code databases}, checking {@code auth}
   * access under {@code policies}.
   */
  public RootDnAuthenticator(Databases databases, AccessPolicies policies, SchemaManager schemaManager) {
    super(Dn.ROOT_DSE);
    this.databases = databases;
    this.policies = policies;
    this.internal = Dns.of(schemaManager, ServerDNConstants.SYSTEM_DN);
  }

  @Override
  public LdapPrincipal authenticate(BindOperationContext bind) throws LdapException {
    Dn dn = bind.getDn();
    if (dn.isDescendantOf(internal)) {
      throw new LdapAuthenticationException("binds as " + dn + " are not allowed");
    }
    Optional<DatabaseConfig> database = databases.withRootPassword(dn);
    if (database.isEmpty()) {
      LdapPrincipal principal = super.authenticate(bind);
      checkAuthAccess(dn);
      return principal;
    }
    byte[] rootPw = database.get().rootPw().orElseThrow().getBytes(StandardCharsets.UTF_8);
    if (!PasswordUtil.compareCredentials(bind.getCredentials(), rootPw)) {
      throw new LdapAuthenticationException("invalid credentials for " + dn);
    }
    // The rootdn as configured, whatever case and spacing the client wrote it in.
    return new LdapPrincipal(getDirectoryService().getSchemaManager(), database.get().rootDn().orElseThrow(),
        AuthenticationLevel.SIMPLE);
  }

  private void checkAuthAccess(Dn dn) throws LdapException {
    Entry entry = policies.forDn(dn).needsEntry()
        ? getDirectoryService().getAdminSession().lookup(dn, SchemaConstants.ALL_USER_ATTRIBUTES)
        : new DefaultEntry(getDirectoryService().getSchemaManager(), dn);
    Subject password = Subject.of(getDirectoryService().getSchemaManager()
        .lookupAttributeTypeRegistry(SchemaConstants.USER_PASSWORD_AT));
    if (!policies.forDn(dn).allows(Requester.ANONYMOUS, entry, password, AccessLevel.AUTH)) {
      throw new LdapAuthenticationException("invalid credentials for " + dn + ": no auth access to userPassword");
    }
  }
}
