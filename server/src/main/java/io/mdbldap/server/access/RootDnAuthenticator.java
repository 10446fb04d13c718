package io.mdbldap.server.access;

import io.mdbldap.conf.DatabaseConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.AuthenticationLevel;
import org.apache.directory.api.ldap.model.exception.LdapAuthenticationException;
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
 * userPassword of their entry, as ApacheDS's {@link SimpleAuthenticator} does.
 *
 * <p>Binds to DNs under {@code ou=system} are refused: that subtree is ApacheDS's bookkeeping, and
 * its {@code uid=admin} account would otherwise answer to ApacheDS's well-known default password.
 */
public final class RootDnAuthenticator extends SimpleAuthenticator {
  private final Databases databases;
  private final Dn internal;

  /** An authenticator for the binds of every DN, with the root DNs of {@code databases}. */
  public RootDnAuthenticator(Databases databases, SchemaManager schemaManager) {
    super(Dn.ROOT_DSE);
    this.databases = databases;
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
      return super.authenticate(bind);
    }
    byte[] rootPw = database.get().rootPw().orElseThrow().getBytes(StandardCharsets.UTF_8);
    if (!PasswordUtil.compareCredentials(bind.getCredentials(), rootPw)) {
      throw new LdapAuthenticationException("invalid credentials for " + dn);
    }
    // The rootdn as configured, whatever case and spacing the client wrote it in.
    return new LdapPrincipal(getDirectoryService().getSchemaManager(), database.get().rootDn().orElseThrow(),
        AuthenticationLevel.SIMPLE);
  }
}
