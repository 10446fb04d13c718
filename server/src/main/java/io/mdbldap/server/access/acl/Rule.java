package io.mdbldap.server.access.acl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * One compiled {@code access to <what> by <who> <level>...} rule. Immutable and thread-safe.
 *
 * @param dn the entries covered by DN, empty for all
 * @param filter the entries covered by content, empty for all
 * @param attributes the attributes covered ({@code attrs=}), empty for all; subtypes of a listed type are covered
 * @param pseudoAttributes {@code entry} and {@code children} when {@code attrs=} lists them
 * @param grants the {@code by} clauses, in order
 * @param origin the file and line of the rule, for messages
 */
public record Rule(Optional<DnPattern> dn, Optional<ExprNode> filter, Optional<List<AttributeType>> attributes,
    Set<String> pseudoAttributes, List<Grant> grants, String origin) {

  /** Copies the collections. */
  public Rule {
    attributes = attributes.map(List::copyOf);
    pseudoAttributes = Set.copyOf(pseudoAttributes);
    grants = List.copyOf(grants);
  }

  /** Whether the rule's {@code to} clause covers {@code subject} of {@code entry}. */
  public boolean covers(Entry entry, Subject subject) {
    return dn.map(pattern -> pattern.matches(entry.getDn())).orElse(true)
        && coversSubject(subject)
        && filter.map(f -> EntryMatcher.evaluate(f, entry, type -> true) == EntryMatcher.Truth.TRUE).orElse(true);
  }

  /** The level of the first {@code by} clause naming {@code requester}; none if no clause does, as in slapd. */
  public AccessLevel levelFor(Requester requester, Dn entryDn) {
    for (Grant grant : grants) {
      if (grant.who().stream().allMatch(who -> who.matches(requester, entryDn))) {
        return grant.level();
      }
    }
    return AccessLevel.NONE;
  }

  private boolean coversSubject(Subject subject) {
    if (attributes.isEmpty()) {
      return true;
    }
    if (subject.pseudo() != null) {
      return pseudoAttributes.contains(subject.pseudo());
    }
    AttributeType type = subject.type();
    return attributes.get().stream().anyMatch(listed -> listed.equals(type) || type.isDescendantOf(listed));
  }

  /**
   * One {@code by <who>... <level>} clause: every {@code who} term must name the requester.
   *
   * @param who the requester terms
   * @param level the access granted
   */
  public record Grant(List<Who> who, AccessLevel level) {
    /** Copies the list. */
    public Grant {
      who = List.copyOf(who);
    }
  }

  /** A {@code <who>} term: whether it names a requester for an entry. */
  @FunctionalInterface
  public interface Who {
    /** Whether the term names {@code requester} when {@code entryDn} is accessed. */
    boolean matches(Requester requester, Dn entryDn);
  }
}
