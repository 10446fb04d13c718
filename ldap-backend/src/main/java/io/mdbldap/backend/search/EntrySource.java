package io.mdbldap.backend.search;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/** Search results in order, read forward once; {@link EntryCursor} adds the way back. */
interface EntrySource extends AutoCloseable {
  /** An entry and its store ID, by which it can be read again. */
  record Hit(long id, Entry entry) {}

  /** A source with nothing in it. */
  EntrySource EMPTY = new EntrySource() {
    @Override
    public Hit next() {
      return null;
    }

    @Override
    public void close() {
      // nothing to release
    }
  };

  /** The next result, or null at the end. */
  Hit next() throws LdapException;

  @Override
  void close();
}
