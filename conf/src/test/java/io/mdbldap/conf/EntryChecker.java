package io.mdbldap.conf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.ObjectClassTypeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Checks an entry against a schema the way a directory server's schema check does, since the LDAP API has no such
 * check of its own: known object classes, a structural one, every MUST attribute present, every attribute allowed
 * by some class, every value valid for its syntax, and the RDN's values present in the entry.
 */
final class EntryChecker {

    private final SchemaManager schema;

    EntryChecker(SchemaManager schema) {
        this.schema = schema;
    }

    /**
     * Checks an entry.
     *
     * @param entry the entry, schema-aware or not
     * @return the problems found, empty for a valid entry
     * @throws LdapException if the entry names an unknown attribute or object class
     */
    List<String> problems(Entry entry) throws LdapException {
        Entry checked = new DefaultEntry(schema, entry);
        List<String> problems = new ArrayList<>();
        Set<ObjectClass> classes = classes(checked);
        if (classes.stream().noneMatch(c -> c.getType() == ObjectClassTypeEnum.STRUCTURAL)) {
            problems.add("no structural object class");
        }
        Set<AttributeType> must = new HashSet<>();
        Set<AttributeType> may = new HashSet<>();
        for (ObjectClass objectClass : classes) {
            must.addAll(objectClass.getMustAttributeTypes());
            may.addAll(objectClass.getMayAttributeTypes());
        }
        for (AttributeType required : must) {
            if (!checked.containsAttribute(required)) {
                problems.add("missing MUST attribute " + required.getName());
            }
        }
        for (Attribute attribute : checked) {
            checkAttribute(attribute, must, may, problems);
        }
        for (Ava ava : checked.getDn().getRdn()) {
            if (!checked.contains(ava.getAttributeType(), ava.getValue())) {
                problems.add("RDN value " + ava + " is not in the entry");
            }
        }
        return problems;
    }

    private void checkAttribute(Attribute attribute, Set<AttributeType> must, Set<AttributeType> may,
            List<String> problems) throws LdapException {
        AttributeType type = attribute.getAttributeType();
        if (!must.contains(type) && !may.contains(type) && !type.getName().equalsIgnoreCase("objectClass")) {
            problems.add("attribute " + attribute.getUpId() + " is not allowed by the object classes");
        }
        for (Value value : attribute) {
            if (!value.isValid(type.getSyntax().getSyntaxChecker())) {
                problems.add("value \"" + value + "\" of " + attribute.getUpId() + " is not valid "
                        + type.getSyntax().getDescription());
            }
        }
    }

    /** The entry's object classes with all their superiors. */
    private Set<ObjectClass> classes(Entry entry) throws LdapException {
        Set<ObjectClass> classes = new HashSet<>();
        for (Value name : entry.get("objectClass")) {
            addWithSuperiors(schema.lookupObjectClassRegistry(name.getString()), classes);
        }
        return classes;
    }

    private static void addWithSuperiors(ObjectClass objectClass, Set<ObjectClass> classes) {
        if (classes.add(objectClass)) {
            for (ObjectClass superior : objectClass.getSuperiors()) {
                addWithSuperiors(superior, classes);
            }
        }
    }
}
