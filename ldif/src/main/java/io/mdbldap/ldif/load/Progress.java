package io.mdbldap.ldif.load;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A progress line for a terminal, rewritten in place at most twice a second: entries so far,
 * entries per second, and, when the input's size is known, the share read and the time left.
 */
public final class Progress {
  private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(500);

  private final PrintWriter out;
  private final long totalBytes;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastShown;
  private boolean shown;

  private Progress(PrintWriter out, long totalBytes, LongSupplier nanoTime) {
    this.out = out;
    this.totalBytes = totalBytes;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastShown = start;
  }

  /**
   * A progress line on {@code out}.
   *
   * @param totalBytes the input's size, or 0 if unknown (then no ETA)
   */
  public static Progress to(PrintWriter out, long totalBytes) {
    return new Progress(out, totalBytes, System::nanoTime);
  }

  /** No progress line, for output that is not a terminal. */
  public static Progress none() {
    return new Progress(null, 0, System::nanoTime);
  }

  /** Called as entries are loaded; shows the line if it is due. */
  void update(long entries, long bytes) {
    if (out == null) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastShown < INTERVAL) {
      return;
    }
    lastShown = now;
    shown = true;
    out.print("\r" + line(entries, bytes, now - start) + "   ");
    out.flush();
  }

  /** Ends the progress line, if one was shown, so that later output starts on a line of its own. */
  void done() {
    if (shown) {
      out.println();
      out.flush();
    }
  }

  String line(long entries, long bytes, long elapsedNanos) {
    double seconds = Math.max(elapsedNanos / 1e9, 1e-3);
    String line = String.format("%,d entries, %,.0f entries/s", entries, entries / seconds);
    if (totalBytes <= 0 || bytes <= 0) {
      return line;
    }
    long left = Math.round(seconds * (totalBytes - bytes) / bytes);
    return line + String.format(", %d%%, ETA %d:%02d", 100 * bytes / totalBytes, left / 60, left % 60);
  }
}
