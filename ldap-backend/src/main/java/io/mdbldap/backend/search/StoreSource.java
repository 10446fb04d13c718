package io.mdbldap.backend.search;

import io.mdbldap.backend.entry.EntryCompleter;
import io.mdbldap.backend.error.StoreErrors;
import io.mdbldap.store.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;

/** The entries of one store search, completed with their derived attributes. */
final class StoreSource implements EntrySource {
  private final Dn base;
  private final SearchCursor cursor;
  private final EntryCompleter completer;

  StoreSource(Dn base, SearchCursor cursor, EntryCompleter completer) {
    this.base = base;
    this.cursor = cursor;
    this.completer = completer;
  }

  @Override
  public Hit next() throws LdapException {
    return StoreErrors.call("search", base, () -> {
      Entry entry = cursor.next();
      return entry == null ? null : new Hit(cursor.id(), completer.complete(entry));
    });
  }

  @Override
  public void close() {
    cursor.close();
  }
}
