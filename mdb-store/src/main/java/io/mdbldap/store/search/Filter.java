package io.mdbldap.store.search;

import io.mdbldap.store.entry.Ad2i;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.registries.ObjectClassRegistry;

/**
 * A search filter compiled for the store: attribute types resolved and assertion values
 * normalized once, so neither the candidate computation nor the per-entry test repeats that work.
 * Built by {@link FilterCompiler}; read by {@link Candidates} and {@link Matcher}.
 */
public interface Filter {

  /** A filter whose value is known without looking at an entry. */
  enum Constant implements Filter {
    TRUE,
    FALSE,
    /** RFC 4511 Undefined: an unknown attribute, an assertion the syntax rejects, a missing rule. */
    UNDEFINED
  }

  record And(List<Filter> children) implements Filter {}

  record Or(List<Filter> children) implements Filter {}

  record Not(Filter child) implements Filter {}

  /**
   * A test on one attribute type. It matches values of that type and of its subtypes
   * ({@code (name=x)} matches {@code cn: x}).
   */
  abstract class Leaf implements Filter {
    private final AttributeType type;
    private byte[] adState = new byte[0];

    Leaf(AttributeType type) {
      this.type = type;
    }

    public AttributeType type() {
      return type;
    }

    /** Whether the attribute description numbered {@code ad} is this type or a subtype. */
    boolean covers(int ad, Ad2i ad2i) {
      if (ad >= adState.length) {
        adState = java.util.Arrays.copyOf(adState, Math.max(ad + 1, adState.length * 2));
      }
      if (adState[ad] == 0) {
        adState[ad] = isSelfOrSubtype(ad2i.type(ad), type) ? (byte) 1 : (byte) 2;
      }
      return adState[ad] == 1;
    }

    static boolean isSelfOrSubtype(AttributeType candidate, AttributeType type) {
      return candidate != null && (candidate.equals(type) || candidate.isDescendantOf(type));
    }
  }

  /**
   * {@code (attr=value)}. For objectClass, {@code objectClass} is set: an entry of a subclass is
   * an entry of the class, so values are judged by {@link #isClassOrSubclass}.
   */
  final class Equality extends Leaf {
    final byte[] normalized;
    final byte[] key;
    final ObjectClass objectClass;
    private final Map<String, Boolean> subclassCache = new HashMap<>();

    Equality(AttributeType type, byte[] normalized, byte[] key, ObjectClass objectClass) {
      super(type);
      this.normalized = normalized;
      this.key = key;
      this.objectClass = objectClass;
    }

    /** Whether the class with OID {@code oid} is the asserted class or inherits from it. */
    boolean isClassOrSubclass(String oid, ObjectClassRegistry registry) {
      return subclassCache.computeIfAbsent(oid, o -> inherits(ObjectClasses.find(registry, o)));
    }

    private boolean inherits(ObjectClass oc) {
      if (oc == null) {
        return false;
      }
      if (oc.getOid().equals(objectClass.getOid())) {
        return true;
      }
      for (ObjectClass sup : oc.getSuperiors()) {
        if (inherits(sup)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code (attr>=value)} or {@code (attr<=value)}, by the attribute's ORDERING rule. */
  final class Ordering extends Leaf {
    final boolean greater;
    final String normalized;
    final MatchingRule rule;
    final byte[] key;

    Ordering(AttributeType type, boolean greater, String normalized, MatchingRule rule, byte[] key) {
      super(type);
      this.greater = greater;
      this.normalized = normalized;
      this.rule = rule;
      this.key = key;
    }
  }

  /** {@code (attr=ini*any*fin)}; pieces normalized by the SUBSTR rule. */
  final class Substring extends Leaf {
    final Pattern regex;
    final String initial;
    final List<String> any;
    final String fin;

    Substring(AttributeType type, Pattern regex, String initial, List<String> any, String fin) {
      super(type);
      this.regex = regex;
      this.initial = initial;
      this.any = any;
      this.fin = fin;
    }
  }

  /** {@code (attr=*)}. */
  final class Presence extends Leaf {
    Presence(AttributeType type) {
      super(type);
    }
  }

  /**
   * {@code (attr~=value)}, as slapd does it: every word of the assertion must sound like a word
   * of the value (Metaphone), in the same order.
   */
  final class Approx extends Leaf {
    final List<String> codes;

    Approx(AttributeType type, List<String> codes) {
      super(type);
      this.codes = codes;
    }
  }

  /**
   * {@code (attr:rule:=value)} with an equality-style rule the schema knows; with no attribute,
   * every attribute whose syntax the rule fits. Binary values are compared as bytes.
   */
  final class Extensible extends Leaf {
    final MatchingRule rule;
    final String normalized;
    final byte[] bytes;
    final boolean dnAttributes;

    Extensible(AttributeType type, MatchingRule rule, String normalized, byte[] bytes, boolean dnAttributes) {
      super(type);
      this.rule = rule;
      this.normalized = normalized;
      this.bytes = bytes;
      this.dnAttributes = dnAttributes;
    }
  }
}
