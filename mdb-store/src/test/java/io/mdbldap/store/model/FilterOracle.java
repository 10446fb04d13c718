package io.mdbldap.store.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.ApproximateNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.GreaterEqNode;
import org.apache.directory.api.ldap.model.filter.LeafNode;
import org.apache.directory.api.ldap.model.filter.LessEqNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;
import org.apache.directory.api.ldap.model.filter.SimpleNode;
import org.apache.directory.api.ldap.model.filter.SubstringNode;
import org.apache.directory.api.ldap.model.filter.UndefinedNode;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapComparator;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.SyntaxChecker;

/**
 * Evaluates an LDAP filter on one entry by brute force, from the RFCs and the schema alone: it
 * knows nothing of the store. The rules it follows:
 *
 * <ul>
 *   <li>RFC 4511 three-valued logic ({@link Truth}); an unknown attribute, an unknown matching
 *       rule, an assertion value its syntax or normalizer refuses, or a filter type the attribute
 *       has no matching rule for, is UNDEFINED.
 *   <li>An attribute description names its type and all its subtypes ({@code (name=x)} matches
 *       {@code cn: x}). Options ({@code cn;lang-en}) are dropped: the Apache LDAP API's schema-aware
 *       entries fold {@code cn;lang-en} into {@code cn}, so no store built on it can tell them apart.
 *   <li>Equality: the EQUALITY rule's normalizer on both sides, normalized forms compared; binary
 *       syntaxes compare bytes.
 *   <li>Ordering ({@code >=}, {@code <=}): the ORDERING rule's normalizer on both sides and its
 *       comparator; no ORDERING rule is UNDEFINED.
 *   <li>Substrings: the SUBSTR rule's normalizer with RFC 4518 insignificant-space handling for
 *       each piece ({@link SubstringNode#getRegex}), matched against the whole normalized value.
 *   <li>Approximate: slapd's word-wise phonetic match, which the store documents ({@link Phonetic}).
 *   <li>Extensible: the named rule's normalizer on both sides over the attribute's values; without a
 *       rule, the attribute's equality; without an attribute, every attribute of the rule's syntax;
 *       with {@code :dn}, the DN's AVAs as well.
 *   <li>{@code objectClass} equality also matches every superclass of the entry's classes; an
 *       unknown class name is UNDEFINED, an unknown numeric OID is FALSE (RFC 4517 §4.2.26).
 * </ul>
 */
final class FilterOracle {
  /** A compiled filter: assertion values are resolved and normalized once, then tested per entry. */
  interface Compiled {
    Truth test(EntryView entry);

    default Truth test(Entry entry) {
      return test(EntryView.of(entry));
    }
  }

  /** A per-value test: TRUE, FALSE, or null when the value cannot be judged. */
  private interface ValueTest {
    Boolean test(String rawValue);
  }

  private static final Compiled UNDEFINED = e -> Truth.UNDEFINED;
  private static final Pattern NUMERIC_OID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final Compiled ALWAYS = e -> Truth.TRUE;

  private final SchemaManager sm;
  private final Norms norms;
  private final AttributeType objectClass;
  /** Raw objectClass value to the OIDs of that class and all its superclasses. */
  private final Map<String, Set<String>> classClosure = new HashMap<>();
  /** Normalized value to its phonetic words. */
  private final Map<String, List<String>> phonetic = new HashMap<>();

  FilterOracle(SchemaManager sm, Norms norms) {
    this.sm = sm;
    this.norms = norms;
    this.objectClass = sm.getAttributeType("objectClass");
  }

  /** Evaluates {@code filter} on {@code entry}. */
  Truth evaluate(ExprNode filter, Entry entry) {
    return compile(filter).test(entry);
  }

  /** Compiles {@code filter} for many entries. */
  Compiled compile(ExprNode node) {
    if (node instanceof ObjectClassNode) {
      return ALWAYS; // ApacheDS's stand-in for (objectClass=*)
    }
    if (node instanceof UndefinedNode) {
      return UNDEFINED;
    }
    if (node instanceof AndNode and) {
      return and(children(and.getChildren()));
    }
    if (node instanceof OrNode or) {
      return or(children(or.getChildren()));
    }
    if (node instanceof NotNode not) {
      Compiled child = compile(not.getFirstChild());
      return e -> child.test(e).not();
    }
    return leaf((LeafNode) node);
  }

  private List<Compiled> children(List<ExprNode> nodes) {
    List<Compiled> compiled = new ArrayList<>(nodes.size());
    for (ExprNode child : nodes) {
      compiled.add(compile(child));
    }
    return compiled;
  }

  private static Compiled and(List<Compiled> children) {
    return e -> {
      Truth t = Truth.TRUE;
      for (Compiled c : children) {
        t = t.and(c.test(e));
        if (t == Truth.FALSE) {
          return t;
        }
      }
      return t;
    };
  }

  private static Compiled or(List<Compiled> children) {
    return e -> {
      Truth t = Truth.FALSE;
      for (Compiled c : children) {
        t = t.or(c.test(e));
        if (t == Truth.TRUE) {
          return t;
        }
      }
      return t;
    };
  }

  private Compiled leaf(LeafNode node) {
    AttributeType type = resolve(node);
    if (node instanceof ExtensibleNode ext) {
      return extensible(ext, type);
    }
    if (type == null) {
      return UNDEFINED;
    }
    if (node instanceof PresenceNode) {
      Covers covers = new Covers(type);
      return e -> Truth.of(covers.anyIn(e));
    }
    if (node instanceof SubstringNode sub) {
      return substring(sub, type);
    }
    Value assertion = ((SimpleNode<?>) node).getValue();
    if (node instanceof GreaterEqNode) {
      return ordering(type, assertion, c -> c >= 0);
    }
    if (node instanceof LessEqNode) {
      return ordering(type, assertion, c -> c <= 0);
    }
    if (node instanceof ApproximateNode) {
      return approx(type, assertion);
    }
    if (node instanceof EqualityNode) {
      return equality(type, assertion);
    }
    throw new IllegalArgumentException("the oracle does not know " + node.getClass().getSimpleName());
  }

  /** The attribute type a leaf names, options dropped; null when the schema does not know it. */
  AttributeType resolve(LeafNode node) {
    if (node.getAttributeType() != null) {
      return node.getAttributeType();
    }
    String description = node.getAttribute();
    if (description == null) {
      return null;
    }
    int semi = description.indexOf(';');
    return sm.getAttributeType(semi < 0 ? description : description.substring(0, semi));
  }

  // ---------------------------------------------------------------- leaf kinds

  private Compiled equality(AttributeType type, Value assertion) {
    if (type.equals(objectClass)) {
      return objectClassEquality(assertion);
    }
    MatchingRule eq = type.getEquality();
    if (eq == null) {
      return UNDEFINED;
    }
    Covers covers = new Covers(type);
    if (!type.getSyntax().isHumanReadable()) {
      byte[] bytes = assertion.getBytes();
      return e -> Truth.of(covers.anyValue(e, v -> Arrays.equals(v.getBytes(), bytes)));
    }
    String a = assertion(type, eq, assertion.getString());
    if (a == null) {
      return UNDEFINED;
    }
    Norms.Memo memo = norms.of(eq);
    return e -> covers.test(e, v -> a.equals(memo.get(v)));
  }

  /**
   * objectIdentifierMatch, with superclasses. RFC 4517 §4.2.26: a descr the server does not know
   * makes the match Undefined; an unknown numericoid is just an OID no entry has.
   */
  private Compiled objectClassEquality(Value assertion) {
    String a = assertion(objectClass, objectClass.getEquality(), assertion.getString());
    if (a == null || (objectClassNamed(a) == null && !NUMERIC_OID.matcher(a).matches())) {
      return UNDEFINED;
    }
    Covers covers = new Covers(objectClass);
    return e -> covers.test(e, v -> closure(v).contains(a));
  }

  /** The OIDs of the class a raw objectClass value names and of all its superclasses. */
  Set<String> closure(String rawValue) {
    return classClosure.computeIfAbsent(rawValue, raw -> {
      Set<String> oids = new HashSet<>();
      ObjectClass oc = objectClassNamed(raw);
      if (oc == null) {
        oids.add(norms.value(objectClass.getEquality(), raw));
      } else {
        addWithSuperiors(oc, oids);
      }
      return oids;
    });
  }

  private ObjectClass objectClassNamed(String nameOrOid) {
    try {
      return sm.getObjectClassRegistry().lookup(nameOrOid.trim());
    } catch (LdapException e) {
      return null;
    }
  }

  private static void addWithSuperiors(ObjectClass oc, Set<String> oids) {
    if (oids.add(oc.getOid())) {
      for (ObjectClass sup : oc.getSuperiors()) {
        addWithSuperiors(sup, oids);
      }
    }
  }

  private Compiled ordering(AttributeType type, Value assertion, IntPredicate accept) {
    MatchingRule ord = type.getOrdering();
    if (ord == null) {
      return UNDEFINED;
    }
    String a = assertion(type, ord, assertion.getString());
    if (a == null) {
      return UNDEFINED;
    }
    @SuppressWarnings("unchecked")
    LdapComparator<Object> cmp = (LdapComparator<Object>) ord.getLdapComparator();
    Norms.Memo memo = norms.of(ord);
    Covers covers = new Covers(type);
    return e -> covers.test(e, v -> {
      String n = memo.get(v);
      return n == null ? null : accept.test(cmp.compare(n, a));
    });
  }

  private Compiled substring(SubstringNode node, AttributeType type) {
    MatchingRule sub = type.getSubstring();
    if (sub == null) {
      return UNDEFINED;
    }
    Pattern regex;
    try {
      regex = node.getRegex(sub.getNormalizer());
    } catch (LdapException | RuntimeException e) {
      return UNDEFINED;
    }
    Norms.Memo memo = norms.of(sub);
    Covers covers = new Covers(type);
    return e -> covers.test(e, v -> {
      String n = memo.get(v);
      return n == null ? null : regex.matcher(n).matches();
    });
  }

  /**
   * slapd-style approximate match, as the store documents it ({@link Phonetic}) on the
   * equality-normalized assertion and values. Binary syntaxes fall back to equality.
   */
  private Compiled approx(AttributeType type, Value assertion) {
    MatchingRule eq = type.getEquality();
    if (eq == null || !type.getSyntax().isHumanReadable()) {
      return equality(type, assertion);
    }
    String a = assertion(type, eq, assertion.getString());
    if (a == null) {
      return UNDEFINED;
    }
    List<String> wanted = Phonetic.words(a);
    Norms.Memo memo = norms.of(eq);
    Covers covers = new Covers(type);
    return e -> covers.test(e, v -> {
      String n = memo.get(v);
      return n == null ? null : Phonetic.inOrder(wanted, phonetic.computeIfAbsent(n, Phonetic::words));
    });
  }

  private Compiled extensible(ExtensibleNode node, AttributeType type) {
    if (node.getAttribute() != null && type == null) {
      return UNDEFINED;
    }
    if (node.getMatchingRuleId() == null) {
      if (type == null) {
        return UNDEFINED;
      }
      return node.hasDnAttributes() ? ruleMatch(node, type, type.getEquality()) : equality(type, node.getValue());
    }
    return ruleMatch(node, type, matchingRule(node.getMatchingRuleId()));
  }

  private MatchingRule matchingRule(String nameOrOid) {
    try {
      return sm.getMatchingRuleRegistry().lookup(nameOrOid);
    } catch (LdapException e) {
      return null;
    }
  }

  /**
   * {@code (type:rule:=value)}, {@code (:rule:=value)} (every attribute whose syntax is the rule's)
   * and, with {@code :dn}, the same test over the AVAs of the entry's DN too (RFC 4511 §4.5.1.7.7).
   */
  private Compiled ruleMatch(ExtensibleNode node, AttributeType type, MatchingRule rule) {
    if (rule == null) {
      return UNDEFINED;
    }
    String a = norms.value(rule, node.getValue().getString());
    if (a == null) {
      return UNDEFINED;
    }
    Norms.Memo memo = norms.of(rule);
    ValueTest test = v -> {
      String n = memo.get(v);
      return n == null ? null : a.equals(n);
    };
    Covers covers = type != null ? new Covers(type) : new Covers(rule.getSyntaxOid());
    boolean dn = node.hasDnAttributes();
    return e -> {
      Truth t = covers.test(e, test);
      return dn ? t.or(inDn(e.entry, covers, test)) : t;
    };
  }

  private static Truth inDn(Entry e, Covers covers, ValueTest test) {
    Truth t = Truth.FALSE;
    for (Rdn rdn : e.getDn()) {
      for (Ava ava : rdn) {
        if (covers.covers(ava.getAttributeType())) {
          Boolean r = test.test(ava.getValue().getString());
          t = t.or(r == null ? Truth.UNDEFINED : Truth.of(r));
        }
      }
    }
    return t;
  }

  /** The normalized assertion, or null if its syntax or the normalizer refuses it. */
  private String assertion(AttributeType type, MatchingRule rule, String raw) {
    SyntaxChecker checker = type.getSyntax().getSyntaxChecker();
    if (raw == null || (checker != null && !checker.isValidSyntax(raw))) {
      return null;
    }
    return norms.value(rule, raw);
  }

  static boolean isSameOrSubtype(AttributeType candidate, AttributeType type) {
    for (AttributeType t = candidate; t != null; t = t.getSuperior()) {
      if (t.getOid().equals(type.getOid())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which attribute types a leaf looks at: one type and its subtypes, or (attribute-less
   * extensible match) every type of one syntax. Memoized per type, as the same few dozen types
   * come up millions of times.
   */
  private static final class Covers {
    private final AttributeType type;
    private final String syntaxOid;
    private final Map<AttributeType, Boolean> memo = new IdentityHashMap<>();

    Covers(AttributeType type) {
      this.type = type;
      this.syntaxOid = null;
    }

    Covers(String syntaxOid) {
      this.type = null;
      this.syntaxOid = syntaxOid;
    }

    boolean covers(AttributeType candidate) {
      Boolean c = memo.get(candidate);
      if (c == null) {
        c = candidate != null && (type != null ? isSameOrSubtype(candidate, type) : syntaxOid.equals(candidate.getSyntaxOid()));
        memo.put(candidate, c);
      }
      return c;
    }

    boolean anyIn(EntryView e) {
      for (AttributeType t : e.types) {
        if (covers(t)) {
          return true;
        }
      }
      return false;
    }

    /** TRUE if a covered value passes; else UNDEFINED if one could not be judged; else FALSE. */
    Truth test(EntryView e, ValueTest test) {
      Truth t = Truth.FALSE;
      for (int i = 0; i < e.types.length; i++) {
        if (covers(e.types[i])) {
          for (String v : e.strings[i]) {
            Boolean r = test.test(v);
            if (r == null) {
              t = Truth.UNDEFINED;
            } else if (r) {
              return Truth.TRUE;
            }
          }
        }
      }
      return t;
    }

    boolean anyValue(EntryView e, java.util.function.Predicate<Value> test) {
      for (int i = 0; i < e.types.length; i++) {
        if (covers(e.types[i])) {
          for (Value v : e.values[i]) {
            if (test.test(v)) {
              return true;
            }
          }
        }
      }
      return false;
    }
  }
}
