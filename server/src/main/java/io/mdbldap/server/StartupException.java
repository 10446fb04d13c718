package io.mdbldap.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The server could not start: a database that does not open, a port already in use, an LDIF file
 * that does not load. The message says what failed and where, for an operator to act on.
 */
public final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message} alone. */
  public StartupException(String message) {
    super(message);
  }

  /** {@code what} failed because of {@code cause}; the message ends with the causes' messages. */
  public StartupException(String what, Throwable cause) {
    super(what + ": " + describe(cause), cause);
  }

  /** The distinct messages along a chain of causes, outermost first, for one-line reports. */
  static String describe(Throwable failure) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      // Wrappers often repeat their cause's message, or their cause repeats theirs with more detail.
      if (messages.stream().noneMatch(m -> m.contains(message))) {
        messages.removeIf(message::contains);
        messages.add(message);
      }
    }
    return String.join(": ", messages);
  }
}
