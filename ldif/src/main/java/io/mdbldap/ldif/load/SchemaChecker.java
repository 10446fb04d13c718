package io.mdbldap.ldif.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.exception.LdapSchemaViolationException;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.ObjectClassTypeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.UsageEnum;

/**
 * The object-class rules slapd checks on an add (slapadd without {@code -q}): the object classes
 * are known and have one structural chain, the MUST attributes are present, every user attribute
 * is allowed by a class (or a supertype of it is; extensibleObject allows all), single-valued
 * attributes have one value, the RDN's values are among the entry's, and a given
 * structuralObjectClass names the entry's structural class. Value syntax is checked earlier, when
 * the values are built.
 *
 * <p>What a set of object classes requires and allows is worked out once per distinct set and
 * remembered: bulk data repeats a few sets. Not thread-safe.
 */
final class SchemaChecker {
  private static final int REMEMBERED_SETS = 1_000;

  private final SchemaManager schema;
  private final AttributeType objectClass;
  private final AttributeType structuralObjectClass;
  private final Map<String, Classes> known = new HashMap<>();

  SchemaChecker(SchemaManager schema) throws LdapException {
    this.schema = schema;
    this.objectClass = schema.lookupAttributeTypeRegistry(SchemaConstants.OBJECT_CLASS_AT);
    this.structuralObjectClass = schema.lookupAttributeTypeRegistry(SchemaConstants.STRUCTURAL_OBJECT_CLASS_AT);
  }

  /**
   * What one set of object classes (with their superclasses) means for an entry. Attribute types
   * are known by OID: their hashCode depends on state that changes as they are used.
   *
   * @param must the required attribute types, each once, with a class requiring it
   * @param allowed the OIDs of the attribute types the classes require or allow
   */
  private record Classes(ObjectClass structural, List<Required> must, Set<String> allowed, boolean extensible) {}

  private record Required(AttributeType type, String by) {}

  /** @throws LdapSchemaViolationException saying which rule the entry breaks */
  void check(Entry entry) throws LdapException {
    Attribute classes = entry.get(objectClass);
    if (classes == null || classes.size() == 0) {
      throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no objectClass attribute");
    }
    Classes c = classesOf(classes);
    checkStructuralAttribute(entry, c);
    checkMust(entry, c);
    for (Attribute attribute : entry) {
      checkAllowed(attribute, c);
      checkSingleValued(attribute);
    }
    checkRdn(entry);
  }

  private Classes classesOf(Attribute values) throws LdapException {
    StringBuilder key = new StringBuilder();
    for (Value v : values) {
      key.append(v.getNormalized()).append('$');
    }
    Classes c = known.get(key.toString());
    if (c == null) {
      c = resolve(values);
      if (known.size() >= REMEMBERED_SETS) {
        known.clear();
      }
      known.put(key.toString(), c);
    }
    return c;
  }

  private Classes resolve(Attribute values) throws LdapException {
    Set<ObjectClass> all = new LinkedHashSet<>();
    for (Value v : values) {
      ObjectClass oc = find(v.getNormalized());
      if (oc == null) {
        throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "unknown object class \"" + v.getString() + "\"");
      }
      withSuperiors(oc, all);
    }
    List<Required> must = new ArrayList<>();
    Set<String> allowed = new HashSet<>();
    boolean extensible = false;
    for (ObjectClass oc : all) {
      extensible |= SchemaConstants.EXTENSIBLE_OBJECT_OC_OID.equals(oc.getOid());
      for (AttributeType t : oc.getMustAttributeTypes()) {
        if (allowed.add(t.getOid())) {
          must.add(new Required(t, oc.getName()));
        }
      }
    }
    for (ObjectClass oc : all) {
      oc.getMayAttributeTypes().forEach(t -> allowed.add(t.getOid()));
    }
    return new Classes(structural(all), must, allowed, extensible);
  }

  /** The object class named or numbered {@code nameOrOid}, or null. */
  private ObjectClass find(String nameOrOid) {
    try {
      return schema.getObjectClassRegistry().lookup(nameOrOid);
    } catch (LdapException e) {
      return null;
    }
  }

  private static void withSuperiors(ObjectClass oc, Set<ObjectClass> into) {
    if (into.add(oc)) {
      for (ObjectClass sup : oc.getSuperiors()) {
        withSuperiors(sup, into);
      }
    }
  }

  /** The most specific structural class, which every other structural class must be a superclass of. */
  private static ObjectClass structural(Set<ObjectClass> all) throws LdapException {
    List<ObjectClass> structural = new ArrayList<>();
    for (ObjectClass oc : all) {
      if (oc.getType() == ObjectClassTypeEnum.STRUCTURAL) {
        structural.add(oc);
      }
    }
    for (ObjectClass candidate : structural) {
      Set<ObjectClass> chain = new LinkedHashSet<>();
      withSuperiors(candidate, chain);
      if (chain.containsAll(structural)) {
        return candidate;
      }
    }
    if (structural.isEmpty()) {
      throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "no structural object class");
    }
    throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "structural object classes "
        + names(structural) + " are not one chain of superclasses");
  }

  private void checkStructuralAttribute(Entry entry, Classes c) throws LdapException {
    Attribute given = entry.get(structuralObjectClass);
    if (given == null) {
      return;
    }
    ObjectClass named = find(given.get().getNormalized());
    if (named == null || !named.getOid().equals(c.structural().getOid())) {
      throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "structuralObjectClass \"" + given.getString()
          + "\" is not the entry's structural object class \"" + c.structural().getName() + "\"");
    }
  }

  private static void checkMust(Entry entry, Classes c) throws LdapException {
    for (Required required : c.must()) {
      if (!entry.containsAttribute(required.type())) {
        throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "attribute \"" + required.type().getName()
            + "\" is required by object class \"" + required.by() + "\" but missing");
      }
    }
  }

  private static void checkAllowed(Attribute attribute, Classes c) throws LdapException {
    AttributeType type = attribute.getAttributeType();
    if (c.extensible() || type.getUsage() != UsageEnum.USER_APPLICATIONS) {
      return;
    }
    for (AttributeType t = type; t != null; t = t.getSuperior()) {
      if (c.allowed().contains(t.getOid())) {
        return;
      }
    }
    throw violation(ResultCodeEnum.OBJECT_CLASS_VIOLATION, "attribute \"" + attribute.getUpId()
        + "\" is not allowed by the entry's object classes");
  }

  private static void checkSingleValued(Attribute attribute) throws LdapException {
    if (attribute.getAttributeType().isSingleValued() && attribute.size() > 1) {
      throw new LdapInvalidAttributeValueException(ResultCodeEnum.CONSTRAINT_VIOLATION, "attribute \""
          + attribute.getUpId() + "\" is single-valued but has " + attribute.size() + " values");
    }
  }

  private static void checkRdn(Entry entry) throws LdapException {
    for (Ava ava : entry.getDn().getRdn()) {
      Attribute values = entry.get(ava.getAttributeType());
      if (values == null || !values.contains(ava.getValue())) {
        throw violation(ResultCodeEnum.NOT_ALLOWED_ON_RDN, "the RDN value " + ava.getName()
            + " is not among the entry's values of \"" + ava.getType() + "\"");
      }
    }
  }

  private static String names(List<ObjectClass> classes) {
    List<String> names = new ArrayList<>();
    classes.forEach(oc -> names.add("\"" + oc.getName() + "\""));
    return String.join(", ", names);
  }

  private static LdapSchemaViolationException violation(ResultCodeEnum code, String message) {
    return new LdapSchemaViolationException(code, message);
  }
}
