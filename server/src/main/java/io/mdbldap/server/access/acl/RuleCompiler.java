package io.mdbldap.server.access.acl;

import io.mdbldap.conf.AccessRule;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Gives the parsed {@code access} directives of the configuration their meaning. The subset supported:
 *
 * <ul>
 *   <li>{@code <what>}: {@code *}, {@code dn[.base|exact|one|sub|subtree|children]=<DN>}, {@code filter=<filter>},
 *       {@code attrs=<attr>[,<attr>...]} with attribute names and the pseudo-attributes {@code entry} and
 *       {@code children};
 *   <li>{@code <who>}: {@code *}, {@code anonymous}, {@code users}, {@code self},
 *       {@code dn[.base|exact|one|sub|subtree|children]=<DN>};
 *   <li>{@code <access>}: the levels {@code none}, {@code disclose}, {@code auth}, {@code compare},
 *       {@code search}, {@code read}, {@code write}, {@code manage}; control {@code stop} (the default).
 * </ul>
 *
 * Anything else slapd accepts (regular expressions, groups, {@code val=}, privileges such as {@code =rw},
 * {@code continue}...) is refused at start with the rule's file and line, rather than silently evaluated
 * differently.
 */
public final class RuleCompiler {
  private final SchemaManager schema;

  /** A compiler resolving names in {@code schema}. */
  public RuleCompiler(SchemaManager schema) {
    this.schema = schema;
  }

  /**
   * Compiles rules in order.
   *
   * @throws IllegalArgumentException naming the rule's file and line if a term is malformed or not supported
   */
  public List<Rule> compile(List<AccessRule> rules) {
    List<Rule> compiled = new ArrayList<>();
    for (AccessRule rule : rules) {
      compiled.add(compile(rule));
    }
    return compiled;
  }

  private Rule compile(AccessRule rule) {
    String origin = rule.file() + ":" + rule.line();
    try {
      Optional<DnPattern> dn = Optional.empty();
      Optional<ExprNode> filter = Optional.empty();
      Optional<List<AttributeType>> attributes = Optional.empty();
      Set<String> pseudo = new HashSet<>();
      for (String term : rule.what()) {
        String name = keyword(term);
        String value = term.substring(term.indexOf('=') + 1);
        switch (name) {
          case "*" -> { }
          case "dn" -> dn = Optional.of(dnPattern(term, value));
          case "filter" -> filter = Optional.of(filter(value));
          case "attrs", "attr" -> attributes = Optional.of(attributes(value, pseudo));
          default -> throw unsupported(term);
        }
      }
      List<Rule.Grant> grants = new ArrayList<>();
      for (AccessRule.By by : rule.by()) {
        grants.add(grant(by));
      }
      return new Rule(dn, filter, attributes, pseudo, grants, origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": access: " + e.getMessage() + " (in \"" + rule.text() + "\")");
    }
  }

  private Rule.Grant grant(AccessRule.By by) {
    if (!by.control().equals("stop")) {
      throw unsupported(by.control());
    }
    AccessLevel level = AccessLevel.named(by.access()).orElseThrow(() -> unsupported(by.access()));
    List<Rule.Who> who = new ArrayList<>();
    for (String term : by.who()) {
      who.add(who(term));
    }
    return new Rule.Grant(who, level);
  }

  private Rule.Who who(String term) {
    switch (term.toLowerCase(Locale.ROOT)) {
      case "*":
        return (requester, entry) -> true;
      case "anonymous":
        return (requester, entry) -> requester.isAnonymous();
      case "users":
        return (requester, entry) -> !requester.isAnonymous();
      case "self":
        return (requester, entry) -> !requester.isAnonymous() && DnPattern.same(requester.dn(), entry);
      default:
        if (keyword(term).equals("dn")) {
          DnPattern pattern = dnPattern(term, term.substring(term.indexOf('=') + 1));
          return (requester, entry) -> !requester.isAnonymous() && pattern.matches(requester.dn());
        }
        throw unsupported(term);
    }
  }

  private DnPattern dnPattern(String term, String value) {
    String left = term.substring(0, term.indexOf('=')).toLowerCase(Locale.ROOT);
    DnPattern.Style style = switch (left) {
      case "dn", "dn.base", "dn.baseobject", "dn.exact" -> DnPattern.Style.BASE;
      case "dn.one", "dn.onelevel" -> DnPattern.Style.ONE;
      case "dn.sub", "dn.subtree" -> DnPattern.Style.SUBTREE;
      case "dn.children" -> DnPattern.Style.CHILDREN;
      default -> throw unsupported(term);
    };
    try {
      return new DnPattern(style, new Dn(schema, value));
    } catch (LdapException e) {
      throw new IllegalArgumentException("invalid DN \"" + value + "\": " + e.getMessage(), e);
    }
  }

  private ExprNode filter(String value) {
    try {
      return FilterParser.parse(schema, value);
    } catch (ParseException e) {
      throw new IllegalArgumentException("bad filter \"" + value + "\": " + e.getMessage(), e);
    }
  }

  private List<AttributeType> attributes(String list, Set<String> pseudo) {
    List<AttributeType> types = new ArrayList<>();
    for (String name : list.split(",", -1)) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("entry") || lower.equals("children")) {
        pseudo.add(lower);
      } else {
        try {
          types.add(schema.lookupAttributeTypeRegistry(name));
        } catch (LdapException e) {
          throw unsupported("attrs=" + name);
        }
      }
    }
    return types;
  }

  /** The keyword of a term: before its style dot or {@code =}. */
  private static String keyword(String term) {
    String left = term.contains("=") ? term.substring(0, term.indexOf('=')) : term;
    int dot = left.indexOf('.');
    return (dot < 0 ? left : left.substring(0, dot)).toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException unsupported(String term) {
    return new IllegalArgumentException("\"" + term + "\" is not supported by mdbldap's access control");
  }
}
