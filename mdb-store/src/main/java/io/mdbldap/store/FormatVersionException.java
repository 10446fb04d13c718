package io.mdbldap.store;

/** The database directory holds a database of another on-disk format version than this code writes. */
public final class FormatVersionException extends StoreException {
  private static final long serialVersionUID = 1L;

  public FormatVersionException(String message) {
    super(message);
  }
}
