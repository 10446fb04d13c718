package io.mdbldap.store;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of attribute index, named as in slapd.conf's {@code index} directive.
 *
 * <p>{@code sub} is shorthand for the three substring kinds. {@code ordering} has no counterpart
 * in back-mdb: equality keys are stored exact and order-preserving where they are short, so an
 * attribute indexed for {@code eq} or {@code ordering} answers {@code >=} and {@code <=} with a
 * range scan when its syntax has an ordering rule.
 */
public enum IndexKind {
  PRESENCE("pres"),
  EQUALITY("eq"),
  APPROX("approx"),
  SUBINITIAL("subinitial"),
  SUBANY("subany"),
  SUBFINAL("subfinal"),
  ORDERING("ordering");

  private final String keyword;

  IndexKind(String keyword) {
    this.keyword = keyword;
  }

  /** The slapd.conf keyword of this kind. */
  public String keyword() {
    return keyword;
  }

  /**
   * Parses one slapd.conf index keyword; {@code sub} yields the three substring kinds.
   *
   * @throws IllegalArgumentException if the keyword is unknown
   */
  public static Set<IndexKind> parse(String keyword) {
    String k = keyword.trim().toLowerCase(Locale.ROOT);
    if (k.equals("sub")) {
      return EnumSet.of(SUBINITIAL, SUBANY, SUBFINAL);
    }
    for (IndexKind kind : values()) {
      if (kind.keyword.equals(k)) {
        return EnumSet.of(kind);
      }
    }
    throw new IllegalArgumentException("unknown index kind \"" + keyword + "\"");
  }
}
