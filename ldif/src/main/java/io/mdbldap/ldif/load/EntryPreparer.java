package io.mdbldap.ldif.load;

import java.time.Clock;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Readies an entry read from LDIF for the store: it must lie within the database's suffix; the
 * attributes derived on reading go, the object-class rules are checked (unless quick), and missing
 * operational attributes are generated. Not thread-safe.
 */
final class EntryPreparer {
  private final Dn suffix;
  private final OperationalAttributes operational;
  private final SchemaChecker checker;

  /**
   * @param checkSchema whether to check the object-class rules (slapadd without {@code -q})
   */
  EntryPreparer(SchemaManager schema, Dn suffix, Dn creator, boolean checkSchema, Clock clock) throws LdapException {
    this.suffix = suffix;
    this.operational = new OperationalAttributes(schema, creator, clock);
    this.checker = checkSchema ? new SchemaChecker(schema) : null;
  }

  /** Changes {@code entry} in place; throws if it cannot be stored. */
  void prepare(Entry entry) throws LdapException {
    if (!entry.getDn().isDescendantOf(suffix)) {
      throw new LdapNoSuchObjectException("not within the database's suffix \"" + suffix.getName()
          + "\" (choose another database with -b)");
    }
    operational.dropDerived(entry);
    if (checker != null) {
      checker.check(entry);
    }
    operational.complete(entry);
  }
}
