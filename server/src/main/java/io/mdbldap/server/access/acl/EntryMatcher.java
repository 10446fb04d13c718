package io.mdbldap.server.access.acl;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.ApproximateNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.GreaterEqNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.LessEqNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SimpleNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapComparator;
import org.apache.directory.api.ldap.model.schema.MatchingRule;

/**
 * Evaluates a schema-aware filter against an entry in three values (RFC 4511 4.5.1.7): a term over an attribute
 * the caller may not search is Undefined, as slapd makes it, so that a filter cannot test what a client may not
 * see. Equality, presence, substrings and ordering use the attribute's matching rules and match subtypes;
 * approximate match is equality; extensible match is Undefined (this matcher runs only where a term is hidden, or
 * for the {@code filter=} of access rules).
 *
 * <p>Stateless and thread-safe.
 */
public final class EntryMatcher {
  /** A truth value of a filter over an entry. */
  public enum Truth {
    /** The filter matches. */
    TRUE,
    /** The filter does not match. */
    FALSE,
    /** Neither: an unknown attribute or rule, or a term the requester may not search. */
    UNDEFINED;

    static Truth of(boolean value) {
      return value ? TRUE : FALSE;
    }
  }

  private EntryMatcher() {}

  /**
   * The truth value of {@code filter} over {@code entry}.
   *
   * @param searchable whether a term over an attribute type may be evaluated; Undefined where not
   */
  public static Truth evaluate(ExprNode filter, Entry entry, Predicate<AttributeType> searchable) {
    if (filter instanceof AndNode and) {
      return combine(and.getChildren(), Truth.FALSE, entry, searchable);
    }
    if (filter instanceof OrNode or) {
      return combine(or.getChildren(), Truth.TRUE, entry, searchable);
    }
    if (filter instanceof NotNode not) {
      Truth truth = evaluate(not.getFirstChild(), entry, searchable);
      return truth == Truth.UNDEFINED ? truth : Truth.of(truth == Truth.FALSE);
    }
    if (filter instanceof ObjectClassNode) {
      return Truth.TRUE;
    }
    if (filter instanceof LeafNode leaf && leaf.getAttributeType() != null) {
      return searchable.test(leaf.getAttributeType()) ? leaf(leaf, entry) : Truth.UNDEFINED;
    }
    return Truth.UNDEFINED;
  }

  /**
   * AND ({@code decisive} FALSE) or OR ({@code decisive} TRUE): the decisive value if a child has it, else
   * Undefined if a child is, else the other value.
   */
  private static Truth combine(List<ExprNode> children, Truth decisive, Entry entry,
      Predicate<AttributeType> searchable) {
    Truth result = decisive == Truth.TRUE ? Truth.FALSE : Truth.TRUE;
    for (ExprNode child : children) {
      Truth truth = evaluate(child, entry, searchable);
      if (truth == decisive) {
        return decisive;
      }
      result = truth == Truth.UNDEFINED ? truth : result;
    }
    return result;
  }

  private static Truth leaf(LeafNode leaf, Entry entry) {
    AttributeType type = leaf.getAttributeType();
    if (leaf instanceof PresenceNode) {
      return Truth.of(anyValue(entry, type, value -> true));
    }
    if (leaf instanceof EqualityNode<?> || leaf instanceof ApproximateNode<?>) {
      Value asserted = ((SimpleNode<?>) leaf).getValue();
      return Truth.of(anyValue(entry, type, value -> asserted.getNormalized().equals(value.getNormalized())));
    }
    if (leaf instanceof SubstringNode substring) {
      return substring(substring, entry, type);
    }
    if (leaf instanceof GreaterEqNode<?> || leaf instanceof LessEqNode<?>) {
      return ordering((SimpleNode<?>) leaf, entry, type);
    }
    return Truth.UNDEFINED;
  }

  private static Truth substring(SubstringNode node, Entry entry, AttributeType type) {
    MatchingRule rule = type.getSubstring();
    if (rule == null) {
      return Truth.UNDEFINED;
    }
    try {
      Pattern regex = node.getRegex(rule.getNormalizer());
      return Truth.of(anyValue(entry, type, value -> regex.matcher(value.getNormalized()).matches()));
    } catch (LdapException e) {
      return Truth.UNDEFINED;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Truth ordering(SimpleNode<?> node, Entry entry, AttributeType type) {
    MatchingRule rule = type.getOrdering();
    if (rule == null) {
      return Truth.UNDEFINED;
    }
    LdapComparator comparator = rule.getLdapComparator();
    String asserted = node.getValue().getNormalized();
    boolean greater = node instanceof GreaterEqNode<?>;
    return Truth.of(anyValue(entry, type, value -> {
      int order = comparator.compare(value.getNormalized(), asserted);
      return greater ? order >= 0 : order <= 0;
    }));
  }

  /** Whether a value of {@code type}, or of one of its subtypes, satisfies {@code test}. */
  private static boolean anyValue(Entry entry, AttributeType type, Predicate<Value> test) {
    for (Attribute attribute : entry) {
      AttributeType held = attribute.getAttributeType();
      if (held != null && (held.equals(type) || held.isDescendantOf(type))) {
        for (Value value : attribute) {
          if (test.test(value)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
