package io.mdbldap.store;

import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;

/**
 * The entries a search found, streamed: candidates are computed when the search starts, and
 * entries are read, decoded and tested a page at a time, each page in its own short read
 * transaction. Results are read-committed: an entry deleted while the cursor runs is skipped.
 *
 * <p>Not thread-safe, but it may be moved between threads; it holds no LMDB transaction between
 * calls, so an unclosed cursor pins no pages.
 */
public interface SearchCursor extends AutoCloseable {

  /**
   * The next matching entry, or null when there are no more.
   *
   * @throws LdapException {@code sizeLimitExceeded}, {@code timeLimitExceeded} or {@code canceled}
   *     when a limit is reached; the entries returned before it stand
   */
  Entry next() throws LdapException;

  /** The store ID of the entry {@link #next()} returned last. */
  long id();

  /** Releases the cursor; idempotent. */
  @Override
  void close();
}
