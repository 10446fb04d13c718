package io.mdbldap.store.search;

import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.index.IndexKeys;
import io.mdbldap.store.search.Filter.Constant;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
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
import org.apache.directory.api.asn1.util.Oid;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.Normalizer;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.PrepareString.AssertionType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Compiles an Apache LDAP API filter into a {@link Filter}. It accepts both schema-aware trees (as
 * ApacheDS normalizes them) and plain parsed ones: attribute names are resolved here, and every
 * assertion is normalized by the matching rule that will judge it. What cannot be judged becomes
 * {@link Constant#UNDEFINED}, as RFC 4511 says.
 */
public final class FilterCompiler {
  private final SchemaManager schema;

  public FilterCompiler(SchemaManager schema) {
    this.schema = schema;
  }

  public Filter compile(ExprNode node) {
    if (node instanceof ObjectClassNode) {
      return Constant.TRUE;
    }
    if (node instanceof AndNode and) {
      return new Filter.And(compileAll(and.getChildren()));
    }
    if (node instanceof OrNode or) {
      return new Filter.Or(compileAll(or.getChildren()));
    }
    if (node instanceof NotNode not) {
      return new Filter.Not(compile(not.getFirstChild()));
    }
    if (node instanceof ExtensibleNode ext) {
      return extensible(ext);
    }
    if (node instanceof LeafNode leaf) {
      AttributeType type = typeOf(leaf);
      return type == null ? Constant.UNDEFINED : leaf(leaf, type);
    }
    return Constant.UNDEFINED;
  }

  private List<Filter> compileAll(List<ExprNode> children) {
    List<Filter> out = new ArrayList<>(children.size());
    children.forEach(c -> out.add(compile(c)));
    return out;
  }

  private AttributeType typeOf(LeafNode leaf) {
    if (leaf.getAttributeType() != null) {
      return leaf.getAttributeType();
    }
    String name = leaf.getAttribute();
    if (name == null) {
      return null;
    }
    int semicolon = name.indexOf(';');
    return schema.getAttributeType(semicolon < 0 ? name : name.substring(0, semicolon));
  }

  private Filter leaf(LeafNode leaf, AttributeType type) {
    try {
      if (leaf instanceof PresenceNode) {
        return SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid()) ? Constant.TRUE : new Filter.Presence(type);
      }
      if (leaf instanceof SubstringNode sub) {
        return substring(sub, type);
      }
      if (leaf instanceof GreaterEqNode<?> || leaf instanceof LessEqNode<?>) {
        return ordering((SimpleNode<?>) leaf, type, leaf instanceof GreaterEqNode<?>);
      }
      if (leaf instanceof ApproximateNode<?> approx) {
        return approx(approx, type);
      }
      if (leaf instanceof EqualityNode<?> eq) {
        return equality(eq, type);
      }
    } catch (LdapException | RuntimeException invalidAssertion) {
      return Constant.UNDEFINED;
    }
    return Constant.UNDEFINED;
  }

  private Filter equality(SimpleNode<?> node, AttributeType type) throws LdapException {
    if (type.getEquality() == null) {
      return Constant.UNDEFINED;
    }
    Value v = assertion(type, node.getValue());
    if (!v.isHumanReadable()) {
      byte[] bytes = v.getBytes();
      return new Filter.Equality(type, bytes, IndexKeys.equality(bytes), null);
    }
    String norm = v.getNormalized();
    ObjectClass oc = null;
    if (SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid())) {
      oc = ObjectClasses.find(schema.getObjectClassRegistry(), norm);
      // RFC 4517 objectIdentifierMatch: an unknown descriptor is Undefined; an unknown numeric
      // OID is a plain value that no class equals.
      if (oc == null && !Oid.isOid(norm)) {
        return Constant.UNDEFINED;
      }
    }
    return new Filter.Equality(type, Bytes.utf8(norm), IndexKeys.equality(type, norm), oc);
  }

  private Filter ordering(SimpleNode<?> node, AttributeType type, boolean greater) throws LdapException {
    MatchingRule rule = type.getOrdering();
    if (rule == null || type.getEquality() == null) {
      return Constant.UNDEFINED;
    }
    Value v = assertion(type, node.getValue());
    String eqNorm = v.isHumanReadable() ? v.getNormalized() : null;
    String ordNorm = eqNorm == null ? null : rule.getNormalizer().normalize(v.getString());
    byte[] key = eqNorm == null ? IndexKeys.equality(v.getBytes()) : IndexKeys.equality(type, eqNorm);
    return new Filter.Ordering(type, greater, ordNorm, rule, key);
  }

  private Filter substring(SubstringNode node, AttributeType type) throws LdapException {
    MatchingRule rule = type.getSubstring();
    if (rule == null) {
      return Constant.UNDEFINED;
    }
    Normalizer n = rule.getNormalizer();
    String initial = node.getInitial() == null ? null : n.normalize(node.getInitial(), AssertionType.SUBSTRING_INITIAL);
    String fin = node.getFinal() == null ? null : n.normalize(node.getFinal(), AssertionType.SUBSTRING_FINAL);
    List<String> any = new ArrayList<>();
    if (node.getAny() != null) {
      for (String a : node.getAny()) {
        String norm = n.normalize(a, AssertionType.SUBSTRING_ANY);
        any.add(norm.isEmpty() ? " " : norm);
      }
    }
    return new Filter.Substring(type, node.getRegex(n), initial, any, fin);
  }

  private Filter approx(SimpleNode<?> node, AttributeType type) throws LdapException {
    if (type.getEquality() == null) {
      return Constant.UNDEFINED;
    }
    Value v = assertion(type, node.getValue());
    if (!v.isHumanReadable()) {
      return new Filter.Equality(type, v.getBytes(), IndexKeys.equality(v.getBytes()), null);
    }
    return new Filter.Approx(type, IndexKeys.phoneticWords(v.getNormalized()));
  }

  private Filter extensible(ExtensibleNode node) {
    try {
      AttributeType type = typeOf(node);
      if (type == null && (node.getAttributeType() != null || node.getAttribute() != null)) {
        return Constant.UNDEFINED;
      }
      String ruleId = node.getMatchingRuleId();
      MatchingRule rule = ruleId != null ? schema.lookupMatchingRuleRegistry(ruleId)
          : type != null ? type.getEquality() : null;
      if (rule == null) {
        return Constant.UNDEFINED;
      }
      Value value = node.getValue();
      byte[] bytes = value.isHumanReadable() ? Bytes.utf8(value.getString()) : value.getBytes();
      String assertion = Bytes.utf8(bytes);
      return new Filter.Extensible(type, rule, rule.getNormalizer().normalize(assertion), bytes,
          node.hasDnAttributes());
    } catch (LdapException | RuntimeException unknownRule) {
      return Constant.UNDEFINED;
    }
  }

  /** The assertion value under the attribute's syntax and equality rule. */
  private static Value assertion(AttributeType type, Value raw) throws LdapException {
    if (raw.isSchemaAware() && type.equals(raw.getAttributeType())) {
      return raw;
    }
    if (!type.getSyntax().isHumanReadable()) {
      return new Value(type, raw.getBytes());
    }
    return new Value(type, raw.isHumanReadable() ? raw.getString() : Bytes.utf8(raw.getBytes()));
  }
}
