package io.mdbldap.server.access;

import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;
import org.apache.directory.server.core.hash.PasswordHashingInterceptor;

/**
 * Stores userPassword values hashed with the configured {@code password-hash} scheme when an add, a modify or a
 * Password Modify sends them in clear text; values already hashed ({@code {SCHEME}...}) are stored as sent, as
 * slapadd-loaded ones are. ApacheDS's interceptor does the work; this only gives it our scheme and name.
 */
public final class PasswordHashing extends PasswordHashingInterceptor {
  /** The interceptor's name in the chain. */
  public static final String NAME = "mdbldapPasswordHashing";

  /** Hashes new passwords with {@code scheme}. */
  public PasswordHashing(LdapSecurityConstants scheme) {
    super(NAME, scheme);
  }
}
