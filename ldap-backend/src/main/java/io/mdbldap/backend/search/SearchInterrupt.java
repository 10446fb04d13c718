package io.mdbldap.backend.search;

import java.util.function.BooleanSupplier;
import org.apache.directory.api.ldap.model.cursor.ClosureMonitor;
import org.apache.directory.api.ldap.model.cursor.CursorClosedException;

/**
 * Tells the store to stop a search that was abandoned or ran out of time. ApacheDS enforces the
 * time limit through a {@link ClosureMonitor} on the cursor, checked on each move; the store may
 * test many candidates inside one move, so it polls this between candidates.
 *
 * <p>Thread-safe: the monitor is set on one thread and polled on another.
 */
final class SearchInterrupt implements BooleanSupplier {
  private final BooleanSupplier abandoned;
  private volatile ClosureMonitor monitor;

  SearchInterrupt(BooleanSupplier abandoned) {
    this.abandoned = abandoned;
  }

  void watch(ClosureMonitor closureMonitor) {
    this.monitor = closureMonitor;
  }

  @Override
  public boolean getAsBoolean() {
    return abandoned.getAsBoolean() || expired(monitor);
  }

  /** ApacheDS's time-limit monitor closes itself when asked to check, once its time is up. */
  private static boolean expired(ClosureMonitor m) {
    if (m == null) {
      return false;
    }
    try {
      m.checkNotClosed();
      return false;
    } catch (CursorClosedException e) {
      return true;
    }
  }
}
