package io.mdbldap.ldif.write;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import java.io.IOException;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Exports a subtree as LDIF, slapcat's job: every entry with every stored attribute, operational
 * ones included, in ID order (parents before children, unless an entry was moved under a newer
 * parent; both loaders accept any order).
 *
 * <p>It only reads, so it runs beside a server using the same database: LMDB readers never wait
 * for writers. The store's search is read-committed, not a snapshot: an entry deleted during the
 * export is left out, one added after it started is not included, one modified is written as it
 * is when its turn comes.
 */
public final class Exporter {
  private Exporter() {}

  /**
   * Writes the entries below and including {@code base} that match {@code filter}.
   *
   * @return the number of entries written
   */
  public static long export(MdbStore store, Dn base, ExprNode filter, LdifWriter out) throws LdapException, IOException {
    if (!store.exists(base)) {
      return 0;
    }
    long written = 0;
    try (SearchCursor cursor = store.search(SearchSpec.builder(base).scope(Scope.SUB).filter(filter).build())) {
      for (Entry entry = cursor.next(); entry != null; entry = cursor.next()) {
        out.write(entry);
        written++;
      }
    }
    out.flush();
    return written;
  }
}
