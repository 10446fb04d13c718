package io.mdbldap.server.directory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.BranchNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.ExtensibleNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.server.core.api.filtering.EntryFilteringCursor;
import org.apache.directory.server.core.api.interceptor.BaseInterceptor;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * Makes extensible matches without attribute type, such as {@code (:caseExactMatch:=jdoe)}, work:
 * ApacheDS's filter normalization (FilterNormalizingVisitor) drops them, as it asks the schema
 * whether type "null" is defined, so that they never match.
 *
 * <p>RFC 4511 4.5.1.7.7: such a match is made against every attribute of the entry that supports
 * the rule. This interceptor, just before normalization, writes it that way: an OR of the same
 * match on each attribute type of the rule's syntax, which is how slapd and mdb-store tell that a
 * rule applies. Each term then is an ordinary extensible match, which normalization keeps and the
 * access checks see; a rule-only match on userPassword's syntax is thus refused to whoever may not
 * filter on userPassword. A rule the schema lacks, or whose syntax no type has, is left to
 * normalization, which drops it (Undefined).
 */
final class ExtensibleMatchExpansion extends BaseInterceptor {
  static final String NAME = "mdbldapExtensibleMatchExpansion";

  ExtensibleMatchExpansion() {
    super(NAME);
  }

  @Override
  public EntryFilteringCursor search(SearchOperationContext ctx) throws LdapException {
    if (ctx.getFilter() != null) {
      ctx.setFilter(expand(ctx.getFilter()));
    }
    return next(ctx);
  }

  private ExprNode expand(ExprNode node) {
    if (node instanceof BranchNode branch) {
      List<ExprNode> children = new ArrayList<>();
      branch.getChildren().forEach(child -> children.add(expand(child)));
      branch.setChildren(children);
      return branch;
    }
    if (node instanceof ExtensibleNode match && match.getAttribute() == null && match.getAttributeType() == null
        && match.getMatchingRuleId() != null) {
      return onEveryType(match);
    }
    return node;
  }

  private ExprNode onEveryType(ExtensibleNode match) {
    MatchingRule rule;
    try {
      rule = schemaManager.lookupMatchingRuleRegistry(match.getMatchingRuleId());
    } catch (LdapException unknownRule) {
      return match;
    }
    List<ExprNode> terms = new ArrayList<>();
    for (Iterator<AttributeType> types = schemaManager.getAttributeTypeRegistry().iterator(); types.hasNext();) {
      AttributeType type = types.next();
      if (rule.getSyntaxOid() != null && rule.getSyntaxOid().equals(type.getSyntaxOid())) {
        terms.add(new ExtensibleNode(type.getOid(), match.getValue(), match.getMatchingRuleId(),
            match.hasDnAttributes()));
      }
    }
    return terms.isEmpty() ? match : new OrNode(terms);
  }
}
