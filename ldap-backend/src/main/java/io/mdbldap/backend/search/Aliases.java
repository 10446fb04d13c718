package io.mdbldap.backend.search;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapAliasException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Alias entries and what dereferencing them brings into a search, with ApacheDS's (xdbm's) rules,
 * which its AliasSearchIT pins down:
 *
 * <ul>
 *   <li>finding the base: an alias base is replaced by its target (one hop: ApacheDS refuses
 *       alias chains);
 *   <li>searching, one level: the targets of aliases among the base's children, except where
 *       the alias lies within the target's parent's subtree;
 *   <li>searching, subtree: the targets of aliases below the base that are not themselves below
 *       the base (nothing, when the base is the suffix: everything is below it);
 *   <li>searching: alias entries themselves are never returned, except by a base-scope search.
 * </ul>
 *
 * <p>The store keeps no alias index, so aliases in scope are found with an {@code
 * (objectClass=alias)} search of the scope (fast when objectClass is indexed for equality).
 */
final class Aliases {
  private final MdbStore store;
  private final SchemaManager schema;
  private final AttributeType aliasedObjectName;
  private final ExprNode isAlias;

  Aliases(MdbStore store, SchemaManager schema) {
    this.store = store;
    this.schema = schema;
    this.aliasedObjectName = schema.getAttributeType(SchemaConstants.ALIASED_OBJECT_NAME_AT);
    AttributeType objectClass = schema.getAttributeType(SchemaConstants.OBJECT_CLASS_AT);
    this.isAlias = new EqualityNode<>(objectClass, new Value(SchemaConstants.ALIAS_OC));
  }

  /** A filter that leaves alias entries out. */
  ExprNode notAlias() {
    return new NotNode(isAlias);
  }

  /**
   * Where a search that dereferences when finding its base really starts.
   *
   * @param base an existing entry
   */
  Dn effectiveBase(Entry base) throws LdapException {
    Dn target = targetOf(base);
    if (target == null) {
      return base.getDn();
    }
    if (!store.exists(target)) {
      throw new LdapAliasException("alias " + base.getDn().getName() + " points to "
          + target.getName() + ", which does not exist in " + store.suffix().getName());
    }
    return target;
  }

  /**
   * The targets that dereferencing brings into a one-level or subtree search of {@code base}.
   *
   * @param cancelled stops the scan for aliases, as it stops the search itself
   */
  Set<Dn> targetsInScope(Dn base, Scope scope, BooleanSupplier cancelled) throws LdapException {
    Set<Dn> targets = new LinkedHashSet<>();
    if (scope == Scope.SUB && base.equals(store.suffix())) {
      return targets;
    }
    Scope aliasScope = scope == Scope.ONE ? Scope.ONE : Scope.CHILDREN;
    SearchSpec spec = SearchSpec.builder(base).scope(aliasScope).filter(isAlias).cancelled(cancelled).build();
    try (SearchCursor aliases = store.search(spec)) {
      for (Entry alias = aliases.next(); alias != null; alias = aliases.next()) {
        Dn target = targetOf(alias);
        if (target != null && bringsIntoScope(alias.getDn(), target, base, scope)) {
          targets.add(target);
        }
      }
    }
    return targets;
  }

  private boolean bringsIntoScope(Dn alias, Dn target, Dn base, Scope scope) {
    if (!target.isDescendantOf(store.suffix())) {
      return false; // another partition: ApacheDS does not follow aliases across partitions
    }
    return scope == Scope.ONE
        ? !alias.isDescendantOf(target.getParent())
        : !target.isDescendantOf(base);
  }

  /** The alias's target, or null if the entry is not an alias. */
  private Dn targetOf(Entry entry) throws LdapException {
    Attribute target = entry.get(aliasedObjectName);
    if (target == null || !entry.hasObjectClass(SchemaConstants.ALIAS_OC)) {
      return null;
    }
    return new Dn(schema, target.getString());
  }
}
