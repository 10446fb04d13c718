package io.mdbldap.conf.schema;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.directory.api.ldap.model.constants.MetaSchemaConstants;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.registries.Schema;
import org.apache.directory.api.ldap.model.schema.registries.SchemaLoader;
import org.apache.directory.api.ldap.schema.loader.JarLdifSchemaLoader;

/**
 * ApacheDS's built-in schemas ({@link OnePassSchemaLoader}, or {@link JarLdifSchemaLoader} where the schemas are not
 * in a jar file), with slapd's ORDERING rule for the attribute types that slapd has built in (schema_prep.c) and
 * ApacheDS defines without one. OpenLDAP's nis.schema leaves {@code uidNumber} and {@code gidNumber} to those
 * built-ins, with {@code integerOrderingMatch}, so that {@code (uidNumber>=1000)} works ("the next free uidNumber");
 * ApacheDS's RFC 2307 definitions lack it, and a loaded definition can no longer be changed (schema objects are
 * locked), so the rule is added to the definitions as they are read.
 */
final class SlapdOrderingLoader {
    /** Attribute type OID to the ORDERING rule slapd's built-in definition has. */
    private static final Map<String, String> SLAPD_ORDERINGS = Map.of(
            "1.3.6.1.1.1.1.0", "integerOrderingMatch", // uidNumber
            "1.3.6.1.1.1.1.1", "integerOrderingMatch"); // gidNumber

    private SlapdOrderingLoader() {}

    /** The built-in schemas' loader, with slapd's orderings. */
    static SchemaLoader builtInSchemas() throws IOException, LdapException {
        var onePass = OnePassSchemaLoader.fromSchemaJar();
        return onePass.isPresent() ? onePass.get() : new JarLoader();
    }

    /** Adds slapd's ORDERING rule to the attribute type definitions that lack it. */
    static List<Entry> withSlapdOrderings(List<Entry> types) throws LdapException {
        for (Entry type : types) {
            Attribute oid = type.get(MetaSchemaConstants.M_OID_AT);
            String ordering = oid == null ? null : SLAPD_ORDERINGS.get(oid.getString());
            if (ordering != null && !type.containsAttribute(MetaSchemaConstants.M_ORDERING_AT)) {
                type.add(MetaSchemaConstants.M_ORDERING_AT, ordering);
            }
        }
        return types;
    }

    /** The class path scanning loader, for schemas not in a jar file. */
    private static final class JarLoader extends JarLdifSchemaLoader {
        JarLoader() throws IOException, LdapException {
            super();
        }

        @Override
        public List<Entry> loadAttributeTypes(Schema... schemas) throws LdapException, IOException {
            return withSlapdOrderings(super.loadAttributeTypes(schemas));
        }
    }
}
