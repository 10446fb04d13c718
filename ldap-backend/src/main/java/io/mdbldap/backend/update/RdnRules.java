package io.mdbldap.backend.update;

import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * What a rename does to an entry's attributes, as ApacheDS defines it for a plain rename (for
 * moveAndRename its SchemaInterceptor applies the same rules before the partition is called):
 *
 * <ol>
 *   <li>each AVA of the new RDN joins the entry; if its type is SINGLE-VALUE, it replaces the
 *       current value even without deleteOldRdn (X.500 would refuse; ApacheDS replaces);
 *   <li>with deleteOldRdn, each AVA of the old RDN that is not in the new one leaves the entry.
 * </ol>
 */
final class RdnRules {
  private RdnRules() {}

  /** Applies the rules to {@code entry} in place. */
  static void apply(Entry entry, Rdn oldRdn, Rdn newRdn, boolean deleteOldRdn) throws LdapException {
    for (Ava ava : newRdn) {
      AttributeType type = ava.getAttributeType();
      if (type.isSingleValued()) {
        entry.removeAttributes(type);
      }
      entry.add(type, ava.getValue());
    }
    if (deleteOldRdn) {
      for (Ava ava : oldRdn) {
        if (!contains(newRdn, ava)) {
          removeValue(entry, ava);
        }
      }
    }
  }

  private static boolean contains(Rdn rdn, Ava ava) {
    for (Ava a : rdn) {
      if (a.equals(ava)) {
        return true;
      }
    }
    return false;
  }

  private static void removeValue(Entry entry, Ava ava) {
    Attribute attribute = entry.get(ava.getAttributeType());
    if (attribute != null) {
      attribute.remove(ava.getValue());
      if (attribute.size() == 0) {
        entry.removeAttributes(ava.getAttributeType());
      }
    }
  }
}
