package io.mdbldap.ldif.load;

import io.mdbldap.store.BulkLoader;
import io.mdbldap.ldif.read.EntryRecord;
import org.apache.directory.api.ldap.model.exception.LdapException;

/** Where an import puts its entries: the database, or nowhere for a dry run. */
interface LoadTarget extends AutoCloseable {
  /**
   * The part of taking {@code record} that may run on the reading thread, ahead of
   * {@link #add}, so it overlaps the writes; null if there is nothing to prepare. Thread-safe: the
   * reading and the loading thread both run it, on different entries.
   */
  BulkLoader.Prepared prepare(EntryRecord record) throws LdapException;

  /**
   * Takes one entry, with what {@link #prepare} made of it and the input line it starts on; it
   * may be stored later, or rejected later through the import's problems.
   */
  void add(int line, BulkLoader.Prepared prepared) throws LdapException;

  /**
   * The entries {@linkplain #add added} so far came from the first {@code done} bytes of an input of
   * {@code size} (0 if unknown): a target may plan its writes by it.
   */
  void inputAt(long done, long size);

  /** Stores what is pending and rejects the entries whose parent never came. */
  void finish() throws LdapException;

  /** Takes back every entry this import stored, leaving the database as it was. */
  void undo() throws LdapException;

  /** Entries stored so far. */
  long stored();

  /** Flushes and releases the database. */
  @Override
  void close();
}
