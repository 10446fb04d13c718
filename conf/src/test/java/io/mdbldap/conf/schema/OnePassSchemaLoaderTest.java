package io.mdbldap.conf.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.LdapSyntax;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.schema.SchemaObject;
import org.apache.directory.api.ldap.model.schema.registries.Schema;
import org.apache.directory.api.ldap.model.schema.registries.SchemaLoader;
import org.apache.directory.api.ldap.schema.loader.JarLdifSchemaLoader;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.Test;

/** The one-pass reading of the built-in schemas yields what ApacheDS's own loader yields, slapd's orderings added. */
class OnePassSchemaLoaderTest {

    @Test
    void readsTheSchemaJar() throws Exception {
        assertTrue(OnePassSchemaLoader.fromSchemaJar().isPresent(), "api-ldap-schema-data is a jar on the class path");
    }

    @Test
    void describesTheSameSchemas() throws Exception {
        assertEquals(describe(new JarLdifSchemaLoader().getAllSchemas()),
                describe(OnePassSchemaLoader.fromSchemaJar().orElseThrow().getAllSchemas()));
    }

    @Test
    void buildsTheSameRegistriesWithNisEnabled() throws Exception {
        List<String> expected = contents(managerOf(new JarLdifSchemaLoader() {
            @Override
            public List<Entry> loadAttributeTypes(Schema... schemas) throws LdapException, IOException {
                return SlapdOrderingLoader.withSlapdOrderings(super.loadAttributeTypes(schemas));
            }
        }));
        List<String> actual = contents(managerOf(OnePassSchemaLoader.fromSchemaJar().orElseThrow()));
        assertEquals(List.of(), difference(expected, actual), "only from ApacheDS's loader");
        assertEquals(List.of(), difference(actual, expected), "only from the one-pass loader");
    }

    private static SchemaManager managerOf(SchemaLoader loader) throws Exception {
        DefaultSchemaManager manager = new DefaultSchemaManager(loader);
        assertTrue(manager.loadAllEnabled(), () -> "errors: " + manager.getErrors());
        assertTrue(manager.enable("nis"), () -> "errors: " + manager.getErrors());
        return manager;
    }

    private static String describe(Iterable<Schema> schemas) {
        TreeMap<String, String> described = new TreeMap<>();
        for (Schema schema : schemas) {
            described.put(schema.getSchemaName(), schema.isEnabled() + " " + schema.getOwner() + " "
                    + List.of(schema.getDependencies()).stream().sorted().toList());
        }
        return described.toString();
    }

    /** Every object of the registries, as its definition and the classes that implement its rules, sorted by OID. */
    private static List<String> difference(List<String> these, List<String> those) {
        List<String> left = new ArrayList<>(these);
        left.removeAll(those);
        return left;
    }

    private static List<String> contents(SchemaManager manager) {
        List<String> lines = new ArrayList<>();
        for (AttributeType type : manager.getAttributeTypeRegistry()) {
            lines.add(line(type) + " " + type.getSyntaxOid() + " " + type.getEquality() + " " + type.getOrdering()
                    + " " + type.getSubstring());
        }
        for (ObjectClass objectClass : manager.getObjectClassRegistry()) {
            lines.add(line(objectClass) + " " + objectClass.getMustAttributeTypeOids() + " "
                    + objectClass.getMayAttributeTypeOids());
        }
        for (MatchingRule rule : manager.getMatchingRuleRegistry()) {
            lines.add(line(rule) + " " + rule.getLdapComparator().getClass().getName() + " "
                    + rule.getNormalizer().getClass().getName());
        }
        for (LdapSyntax syntax : manager.getLdapSyntaxRegistry()) {
            lines.add(line(syntax) + " " + syntax.getSyntaxChecker().getClass().getName());
        }
        manager.getComparatorRegistry().forEach(c -> lines.add("comparator " + c.getOid() + " " + c.getClass().getName()));
        manager.getNormalizerRegistry().forEach(n -> lines.add("normalizer " + n.getOid() + " " + n.getClass().getName()));
        manager.getSyntaxCheckerRegistry().forEach(s -> lines.add("checker " + s.getOid() + " " + s.getClass().getName()));
        assertTrue(lines.size() > 800, "the built-in schemas define hundreds of objects: " + lines.size());
        return lines.stream().sorted().toList();
    }

    private static String line(SchemaObject object) {
        return object.getObjectType() + " " + object.getOid() + " " + object.getNames() + " " + object.getSchemaName()
                + " " + object.getDescription() + " " + object.isEnabled() + " " + object.isObsolete();
    }
}
