package io.mdbldap.ldif.read;

/**
 * An LDIF record that cannot be loaded, located the way an operator looks for it: the input, the
 * line the record (or the offending line) starts on, and the entry's DN once it is known. The
 * message reads {@code data.ldif:42: entry "uid=x,dc=example,dc=com": reason}.
 */
public final class LdifException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String dn;
  private final String reason;

  /**
   * @param source the input's name, as the user gave it ({@code <stdin>} for standard input)
   * @param line the 1-based line number
   * @param dn the entry's DN as written, or null if the error comes before it is known
   * @param reason what is wrong, without the location
   */
  public LdifException(String source, int line, String dn, String reason) {
    super(source + ":" + line + ": " + (dn == null ? "" : "entry \"" + dn + "\": ") + reason);
    this.source = source;
    this.line = line;
    this.dn = dn;
    this.reason = reason;
  }

  public String source() {
    return source;
  }

  public int line() {
    return line;
  }

  /** The entry's DN as written, or null. */
  public String dn() {
    return dn;
  }

  public String reason() {
    return reason;
  }
}
