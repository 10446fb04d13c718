package io.mdbldap.ldif.cli;

/** A failure the user can act on, told in one line without a stack trace. */
final class ToolException extends Exception {
  private static final long serialVersionUID = 1L;

  ToolException(String message) {
    super(message);
  }
}
