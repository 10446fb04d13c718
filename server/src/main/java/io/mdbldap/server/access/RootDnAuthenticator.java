package io.mdbldap.server.access;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.server.access.acl.AccessLevel;
import io.mdbldap.server.access.acl.Requester;
import io.mdbldap.server.access.acl.Subject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.AuthenticationLevel;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapAuthenticationException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.password.PasswordUtil;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.LdapPrincipal;
import org.apache.directory.server.core.api.interceptor.context.BindOperationContext;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.authn.AbstractAuthenticator;

/**
 * Simple binds as slapd checks them: a database's rootdn with its {@code rootpw} (plain text or a
 * {@code {SSHA}}-style hash), even though no entry exists for it; everyone else against the
 * userPassword of their entry, hashed in any scheme the Apache LDAP API knows, and only where the
 * access rules give anonymous clients {@code auth} access to it: slapd checks a bind's access as the
 * anonymous client it still is. A DN naming a referral object is refused (RFC 3296, 5.6.1).
 *
 * <p>The entry is read once, straight from its partition, as slapd's back-mdb reads it: not through
 * the interceptor chain, which would add subordinate counts and rename operational attributes for
 * nothing, and not cached, so a changed password counts at once.
 *
 * <p>Binds to DNs under {@code ou=system} are refused: that subtree is ApacheDS's bookkeeping, and
 * its {@code uid=admin} account would otherwise answer to ApacheDS's well-known default password.
 */
public final class RootDnAuthenticator extends AbstractAuthenticator {
  private final Databases databases;
  private final AccessPolicies policies;
  private final Dn internal;
  private final AttributeType userPassword;
  private final AttributeType objectClass;
  /** Made once: a value made per check would be normalized per bind. */
  private final Value referral;
  private final Subject passwordSubject;

  /**
   * An authenticator for the binds of every DN, with the root DNs of {@code databases}, checking {@code auth}
   * access under {@code policies}.
   */
  public RootDnAuthenticator(Databases databases, AccessPolicies policies, SchemaManager schemaManager) {
    super(AuthenticationLevel.SIMPLE, Dn.ROOT_DSE);
    this.databases = databases;
    this.policies = policies;
    this.internal = Dns.of(schemaManager, ServerDNConstants.SYSTEM_DN);
    this.userPassword = schemaManager.getAttributeType(SchemaConstants.USER_PASSWORD_AT);
    this.objectClass = schemaManager.getAttributeType(SchemaConstants.OBJECT_CLASS_AT);
    this.passwordSubject = Subject.of(userPassword);
    this.referral = referralValue(objectClass);
  }

  private static Value referralValue(AttributeType objectClass) {
    try {
      return new Value(objectClass, SchemaConstants.REFERRAL_OC);
    } catch (LdapInvalidAttributeValueException e) {
      throw new IllegalStateException("the schema has no objectClass attribute type", e);
    }
  }

  @Override
  public LdapPrincipal authenticate(BindOperationContext bind) throws LdapException {
    Dn dn = bind.getDn();
    if (dn.isDescendantOf(internal)) {
      throw new LdapAuthenticationException("binds as " + dn + " are not allowed");
    }
    Optional<DatabaseConfig> database = databases.withRootPassword(dn);
    if (database.isPresent()) {
      return rootDn(bind, database.get());
    }
    Entry entry = stored(bind);
    if (!matches(bind.getCredentials(), entry.get(userPassword))) {
      throw new LdapAuthenticationException("invalid credentials for " + dn);
    }
    if (!policies.forDn(dn).allows(Requester.ANONYMOUS, entry, passwordSubject, AccessLevel.AUTH)) {
      throw new LdapAuthenticationException("invalid credentials for " + dn + ": no auth access to userPassword");
    }
    bind.setEntry(entry);
    return new LdapPrincipal(getDirectoryService().getSchemaManager(), dn, AuthenticationLevel.SIMPLE);
  }

  private LdapPrincipal rootDn(BindOperationContext bind, DatabaseConfig database) throws LdapException {
    byte[] rootPw = database.rootPw().orElseThrow().getBytes(StandardCharsets.UTF_8);
    if (!PasswordUtil.compareCredentials(bind.getCredentials(), rootPw)) {
      throw new LdapAuthenticationException("invalid credentials for " + bind.getDn());
    }
    // The rootdn as configured, whatever case and spacing the client wrote it in.
    return new LdapPrincipal(getDirectoryService().getSchemaManager(), database.rootDn().orElseThrow(),
        AuthenticationLevel.SIMPLE);
  }

  /** The bind DN's entry as stored, from the partition the operation manager chose for it. */
  private Entry stored(BindOperationContext bind) throws LdapException {
    Dn dn = bind.getDn();
    LookupOperationContext lookup = new LookupOperationContext(getDirectoryService().getAdminSession(), dn,
        SchemaConstants.ALL_ATTRIBUTES_ARRAY);
    lookup.setPartition(bind.getPartition());
    lookup.setTransaction(bind.getTransaction());
    Entry entry = bind.getPartition() == null ? null : bind.getPartition().lookup(lookup);
    if (entry == null) {
      throw new LdapAuthenticationException("invalid credentials for " + dn + ": no such entry");
    }
    Attribute classes = entry.get(objectClass);
    if (classes != null && classes.contains(referral)) {
      throw new LdapAuthenticationException("invalid credentials for " + dn + ": it is a referral");
    }
    return entry;
  }

  private static boolean matches(byte[] credentials, Attribute passwords) {
    if (passwords == null || credentials == null) {
      return false;
    }
    for (Value value : passwords) {
      if (PasswordUtil.compareCredentials(credentials, value.getBytes())) {
        return true;
      }
    }
    return false;
  }
}
