package io.mdbldap.server.access.acl;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * The access rules of one database (its own rules, then the global ones), evaluated as slapd does
 * (slapd.access(5)): the first rule whose {@code to} clause covers the entry and attribute decides, through its
 * first {@code by} clause naming the requester; when no rule covers it, or no clause names the requester, access is
 * none. A configuration without any rule allows everyone to read everything, as slapd's default does. The rootdn is
 * not subject to these rules; the caller checks that.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessPolicy {
  /** slapd's policy when no access rule is configured: {@code access to * by * read}. */
  static final Rule READ_BY_ALL = new Rule(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
      List.of(new Rule.Grant(List.of((requester, dn) -> true), AccessLevel.READ)), "default access to * by * read");

  private final List<Rule> rules;
  private final boolean needsEntry;

  /** A policy of {@code rules}, in order; {@code access to * by * read} if there is none. */
  public AccessPolicy(List<Rule> rules) {
    this.rules = rules.isEmpty() ? List.of(READ_BY_ALL) : List.copyOf(rules);
    this.needsEntry = this.rules.stream().anyMatch(rule -> rule.filter().isPresent());
  }

  /**
   * Whether some rule looks at the entry's content ({@code filter=}): otherwise its DN is all the rules need, and
   * callers may pass an entry holding only a DN.
   */
  public boolean needsEntry() {
    return needsEntry;
  }

  /**
   * Whether this is slapd's default, {@code access to * by * read}: everyone may read (so also search,
   * compare and see) everything, and checks of reads may be skipped.
   */
  public boolean readableByAll() {
    return rules.equals(List.of(READ_BY_ALL));
  }

  /** The access {@code requester} has to {@code subject} of {@code entry}. */
  public AccessLevel level(Requester requester, Entry entry, Subject subject) {
    for (Rule rule : rules) {
      if (rule.covers(entry, subject)) {
        return rule.levelFor(requester, entry.getDn());
      }
    }
    return AccessLevel.NONE;
  }

  /** Whether {@code requester} has at least {@code needed} access to {@code subject} of {@code entry}. */
  public boolean allows(Requester requester, Entry entry, Subject subject, AccessLevel needed) {
    return level(requester, entry, subject).allows(needed);
  }
}
