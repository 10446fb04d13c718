package io.mdbldap.server.access.acl;

import org.apache.directory.api.ldap.model.name.Dn;

/**
 * A {@code dn.<style>=<DN>} term of an access rule: which DNs it covers. Styles as slapd.access(5) has them:
 * {@code base} (also {@code exact}, {@code baseobject}, and the default), {@code one} ({@code onelevel}: the
 * children only), {@code sub} ({@code subtree}: the DN and everything below), {@code children} (everything below,
 * not the DN itself). Immutable.
 *
 * @param style how DNs relate to {@code dn}
 * @param dn the DN of the term, schema-aware
 */
public record DnPattern(Style style, Dn dn) {

  /** How a covered DN relates to the pattern's DN. */
  public enum Style {
    /** The DN itself. */
    BASE,
    /** The DN's children. */
    ONE,
    /** The DN and all below it. */
    SUBTREE,
    /** All below the DN. */
    CHILDREN
  }

  /** Whether {@code candidate} is covered. */
  public boolean matches(Dn candidate) {
    return switch (style) {
      case BASE -> same(candidate, dn);
      case ONE -> !candidate.isEmpty() && same(candidate.getParent(), dn);
      case SUBTREE -> candidate.isDescendantOf(dn);
      case CHILDREN -> candidate.isDescendantOf(dn) && !same(candidate, dn);
    };
  }

  static boolean same(Dn a, Dn b) {
    return a.getNormName().equals(b.getNormName());
  }
}
