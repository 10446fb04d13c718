package io.mdbldap.server.protocol;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.cursor.ClosureMonitor;
import org.apache.directory.api.ldap.model.cursor.CursorClosedException;
import org.apache.directory.api.ldap.model.exception.LdapTimeLimitExceededException;

/**
 * Closes a search's cursor once its time limit has passed, as ApacheDS's {@code SearchTimeLimitingMonitor} does, with
 * the same causes: an {@link LdapTimeLimitExceededException} when the limit ends the search, what the closer gave
 * otherwise. One difference: a plain {@link #close()}, the end of every search, takes the API's shared
 * {@link CursorClosedException#INSTANCE} as the API's default monitor does, where ApacheDS's made a new exception,
 * its stack trace walked 60 frames deep: a sixteenth of what a {@code (uid=jdoe)} search allocated, and every search
 * has a limit ({@link SearchLimits} writes the configured one into it). Not thread-safe: one search's, as ApacheDS's.
 */
final class SearchTimeLimit implements ClosureMonitor {
  private final long deadlineMillis;
  /** Why the cursor was closed; null while it is open. */
  private Exception cause;

  /** A monitor closing the cursor {@code seconds} after now. */
  SearchTimeLimit(int seconds) {
    this.deadlineMillis = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(seconds);
  }

  @Override
  public void close() {
    close(CursorClosedException.INSTANCE);
  }

  @Override
  public void close(String message) {
    close(new CursorClosedException(message));
  }

  @Override
  public void close(Exception why) {
    if (cause == null) {
      cause = Objects.requireNonNullElse(why, CursorClosedException.INSTANCE);
    }
  }

  @Override
  public boolean isClosed() {
    return cause != null;
  }

  @Override
  public void checkNotClosed() throws CursorClosedException {
    if (cause == null && System.currentTimeMillis() > deadlineMillis) {
      close(new LdapTimeLimitExceededException());
    }
    if (cause != null) {
      throw new CursorClosedException(cause.getMessage(), cause);
    }
  }

  @Override
  public Exception getCause() {
    return cause;
  }
}
