package io.mdbldap.store.env;

import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * The body of a write transaction. It may run more than once: after {@code MDB_MAP_FULL} the
 * transaction is aborted, the map grown and the body replayed, so it must derive everything it
 * writes from the transaction and its own inputs.
 */
@FunctionalInterface
public interface WriteWork<T> {
  T run(WriteTxn txn) throws LdapException;
}
