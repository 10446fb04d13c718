package io.mdbldap.store.search;

import io.mdbldap.store.entry.Ad2i;
import io.mdbldap.store.entry.EncodedEntry;
import io.mdbldap.store.index.AttributeIndex;
import io.mdbldap.store.index.IndexKeys;
import io.mdbldap.store.search.Filter.Constant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapComparator;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.registries.ObjectClassRegistry;

/**
 * Tests a compiled filter against a stored entry, with RFC 4511's three-valued logic: a filter
 * is TRUE, FALSE or UNDEFINED, and only TRUE selects an entry. Values are compared in their stored
 * normalized form; no normalizer runs per entry unless a rule normalizes differently from the
 * attribute's equality rule.
 */
public final class Matcher {
  private final Ad2i ad2i;
  private final ObjectClassRegistry objectClasses;

  public Matcher(Ad2i ad2i, ObjectClassRegistry objectClasses) {
    this.ad2i = ad2i;
    this.objectClasses = objectClasses;
  }

  /** Whether the entry matches; {@code dn} is asked for only by {@code dnAttributes} filters. */
  public boolean matches(Filter filter, EncodedEntry entry, Supplier<Dn> dn) {
    return eval(filter, entry, dn) == Constant.TRUE;
  }

  private Constant eval(Filter f, EncodedEntry e, Supplier<Dn> dn) {
    if (f instanceof Constant c) {
      return c;
    }
    if (f instanceof Filter.And and) {
      return combine(and.children(), Constant.FALSE, e, dn);
    }
    if (f instanceof Filter.Or or) {
      return combine(or.children(), Constant.TRUE, e, dn);
    }
    if (f instanceof Filter.Not not) {
      Constant inner = eval(not.child(), e, dn);
      return inner == Constant.UNDEFINED ? inner : inner == Constant.TRUE ? Constant.FALSE : Constant.TRUE;
    }
    if (f instanceof Filter.Extensible ext) {
      return extensible(ext, e, dn);
    }
    return leaf((Filter.Leaf) f, e);
  }

  /**
   * AND (dominant FALSE) and OR (dominant TRUE) in three-valued logic: a dominant child decides at
   * once; otherwise any UNDEFINED child makes the result UNDEFINED.
   */
  private Constant combine(List<Filter> children, Constant dominant, EncodedEntry e, Supplier<Dn> dn) {
    Constant result = dominant == Constant.FALSE ? Constant.TRUE : Constant.FALSE;
    for (Filter child : children) {
      Constant c = eval(child, e, dn);
      if (c == dominant) {
        return c;
      }
      if (c == Constant.UNDEFINED) {
        result = c;
      }
    }
    return result;
  }

  /** A leaf is TRUE if any value of the type (or a subtype) satisfies it, else FALSE. */
  private Constant leaf(Filter.Leaf leaf, EncodedEntry e) {
    for (int a = 0; a < e.attributeCount(); a++) {
      int ad = e.ad(a);
      if (!leaf.covers(ad, ad2i)) {
        continue;
      }
      if (leaf instanceof Filter.Presence) {
        return Constant.TRUE;
      }
      AttributeType valueType = ad2i.type(ad);
      for (int v = e.firstValue(a); v < e.endValue(a); v++) {
        if (value(leaf, valueType, e, v)) {
          return Constant.TRUE;
        }
      }
    }
    return Constant.FALSE;
  }

  private boolean value(Filter.Leaf leaf, AttributeType valueType, EncodedEntry e, int v) {
    try {
      if (leaf instanceof Filter.Equality eq) {
        return eq.objectClass != null
            ? eq.isClassOrSubclass(e.normalizedString(v), objectClasses)
            : e.normalizedEquals(v, eq.normalized);
      }
      if (leaf instanceof Filter.Substring sub) {
        String form = AttributeIndex.substringForm(valueType, e.userString(v), e.normalizedString(v));
        return sub.regex.matcher(form).matches();
      }
      if (leaf instanceof Filter.Ordering ord) {
        return ordering(ord, valueType, e, v);
      }
      if (leaf instanceof Filter.Approx approx) {
        return inOrder(approx.codes, IndexKeys.phoneticWords(e.normalizedString(v)));
      }
    } catch (LdapException | RuntimeException unmatchable) {
      return false;
    }
    return false;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean ordering(Filter.Ordering ord, AttributeType valueType, EncodedEntry e, int v)
      throws LdapException {
    MatchingRule eq = valueType.getEquality();
    boolean sameForm = eq != null && eq.getNormalizer().getClass() == ord.rule.getNormalizer().getClass();
    String form = sameForm ? e.normalizedString(v) : ord.rule.getNormalizer().normalize(e.userString(v));
    int cmp = ((LdapComparator) ord.rule.getLdapComparator()).compare(form, ord.normalized);
    return ord.greater ? cmp >= 0 : cmp <= 0;
  }

  /** slapd's approx: each asserted word must sound like a value word, in the same order. */
  private static boolean inOrder(List<String> asserted, List<String> value) {
    int next = 0;
    for (String code : asserted) {
      int found = value.subList(next, value.size()).indexOf(code);
      if (found < 0) {
        return false;
      }
      next += found + 1;
    }
    return true;
  }

  private Constant extensible(Filter.Extensible ext, EncodedEntry e, Supplier<Dn> dn) {
    for (int a = 0; a < e.attributeCount(); a++) {
      int ad = e.ad(a);
      AttributeType valueType = ad2i.type(ad);
      if (valueType == null || !(ext.type() == null ? syntaxFits(ext.rule, valueType) : ext.covers(ad, ad2i))) {
        continue;
      }
      boolean binary = !valueType.getSyntax().isHumanReadable();
      for (int v = e.firstValue(a); v < e.endValue(a); v++) {
        if (binary ? Arrays.equals(e.userBytes(v), ext.bytes) : ruleMatches(ext, e.userString(v))) {
          return Constant.TRUE;
        }
      }
    }
    return ext.dnAttributes && dnMatches(ext, dn.get()) ? Constant.TRUE : Constant.FALSE;
  }

  private static boolean syntaxFits(MatchingRule rule, AttributeType type) {
    return rule.getSyntaxOid() != null && rule.getSyntaxOid().equals(type.getSyntaxOid());
  }

  private boolean dnMatches(Filter.Extensible ext, Dn dn) {
    for (Rdn rdn : dn) {
      for (Ava ava : rdn) {
        AttributeType t = ava.getAttributeType();
        boolean fits = t != null && (ext.type() == null ? syntaxFits(ext.rule, t) : Filter.Leaf.isSelfOrSubtype(t, ext.type()));
        if (fits && ruleMatches(ext, ava.getValue().getString())) {
          return true;
        }
      }
    }
    return false;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean ruleMatches(Filter.Extensible ext, String user) {
    try {
      String form = ext.rule.getNormalizer().normalize(user);
      return ((LdapComparator) ext.rule.getLdapComparator()).compare(form, ext.normalized) == 0;
    } catch (LdapException | RuntimeException unmatchable) {
      return false;
    }
  }
}
