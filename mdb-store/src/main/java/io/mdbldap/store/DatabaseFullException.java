package io.mdbldap.store;

/**
 * A write did not fit: the map has reached the configured {@code maxsize}. Nothing of the write was
 * committed; reads go on, and writes succeed again once {@code maxsize} is raised.
 */
public final class DatabaseFullException extends StoreException {
  private static final long serialVersionUID = 1L;

  public DatabaseFullException(String message) {
    super(message);
  }
}
