package io.mdbldap.store;

/**
 * A storage failure that is not an LDAP outcome: the database is full, of another format version,
 * damaged, or the environment cannot be opened. LDAP outcomes (no such object, already exists...)
 * are {@link org.apache.directory.api.ldap.model.exception.LdapException}s instead.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
