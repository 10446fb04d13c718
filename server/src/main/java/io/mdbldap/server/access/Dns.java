package io.mdbldap.server.access;

import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/** Schema-aware DNs made from constants known to be valid. */
final class Dns {
  private Dns() {}

  static Dn of(SchemaManager schemaManager, String constant) {
    try {
      return new Dn(schemaManager, constant);
    } catch (LdapInvalidDnException e) {
      throw new IllegalArgumentException("invalid DN constant \"" + constant + "\"", e);
    }
  }
}
