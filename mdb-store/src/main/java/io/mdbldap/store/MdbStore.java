package io.mdbldap.store;

import java.util.List;
import java.util.OptionalLong;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * One directory database in one LMDB environment: the back-mdb equivalent.
 *
 * <p>Every update runs in one LMDB write transaction and is all-or-nothing; readers never wait for
 * writers. LDAP outcomes are thrown as the Apache LDAP API's {@link LdapException} subclasses
 * (noSuchObject with the matched DN, entryAlreadyExists, notAllowedOnNonLeaf...); storage failures
 * as {@link StoreException}. The store does no schema checking: that is the caller's job.
 *
 * <p>Thread-safe.
 */
public final class MdbStore implements AutoCloseable {

  private MdbStore() {}

  /** Opens (creating if needed) the database described by {@code config}. */
  public static MdbStore open(StoreConfig config, SchemaManager schemaManager) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The suffix this database holds. */
  public Dn suffix() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The schema the store normalizes and matches with. */
  public SchemaManager schemaManager() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Adds an entry: its parent must exist (unless it is the suffix) and its DN must be new.
   *
   * @return the entry's new ID
   */
  public long add(Entry entry) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Deletes a leaf entry and returns it as it was. */
  public Entry delete(Dn dn) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Applies modifications (add, remove, replace, increment) atomically and returns the new entry. */
  public Entry modify(Dn dn, List<Modification> modifications) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Renames and/or moves an entry with its subtree, in O(depth): descendants are not touched.
   *
   * @param newSuperior the new parent, or null to stay under the current one
   * @param newRdn the new RDN, or null to keep the current one
   * @param deleteOldRdn whether the old RDN's values leave the entry
   * @return the entry as it is now
   */
  public Entry moveAndRename(Dn dn, Dn newSuperior, Rdn newRdn, boolean deleteOldRdn) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /** The entry at {@code dn}, or null if there is none. */
  public Entry lookup(Dn dn) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The entry with store ID {@code id}, or null if there is none. */
  public Entry lookup(long id) {
    throw new UnsupportedOperationException("not yet");
  }

  /** The store ID of the entry at {@code dn}, if there is one. */
  public OptionalLong idOf(Dn dn) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Whether an entry exists at {@code dn}. */
  public boolean exists(Dn dn) {
    return idOf(dn).isPresent();
  }

  /** The entry's child and subtree counts, from dn2id in O(depth). */
  public Subordinates subordinates(Dn dn) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /** Starts a search; see {@link SearchCursor} for how results stream. */
  public SearchCursor search(SearchSpec spec) throws LdapException {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Checks, in one read transaction, that dn2id, id2entry and every index agree: each entry has
   * its tree nodes, each subtree count equals the entries below, and each index holds exactly the
   * keys of the entries' values.
   *
   * @return the problems found, empty when the database is consistent
   */
  public List<String> verify() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Sizes, counts and configuration of the database. */
  public StoreStats stats() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Closes the environment; cursors still open fail on their next call. */
  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
