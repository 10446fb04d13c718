package io.mdbldap.store;

import org.apache.directory.api.ldap.model.message.SearchScope;

/** Search scope, including the {@code children} (subordinate subtree) scope that LDAP adds as an extension. */
public enum Scope {
  /** The base entry only. */
  BASE,
  /** The base's immediate children. */
  ONE,
  /** The base and everything below it. */
  SUB,
  /** Everything below the base, but not the base. */
  CHILDREN;

  /** The scope for an Apache LDAP API {@link SearchScope}. */
  public static Scope of(SearchScope scope) {
    switch (scope) {
      case OBJECT:
        return BASE;
      case ONELEVEL:
        return ONE;
      default:
        return SUB;
    }
  }
}
