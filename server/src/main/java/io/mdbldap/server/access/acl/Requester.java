package io.mdbldap.server.access.acl;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Who asks: the bound DN, or nobody for an anonymous client. Immutable.
 *
 * @param dn the bound DN, schema-aware; empty for anonymous
 */
public record Requester(Dn dn) {
  /** An anonymous client, and any client during a bind, as slapd evaluates {@code auth} access. */
  public static final Requester ANONYMOUS = new Requester(Dn.EMPTY_DN);

  /** Whether the client has not bound. */
  public boolean isAnonymous() {
    return dn.isEmpty();
  }
}
