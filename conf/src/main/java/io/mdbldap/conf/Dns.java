package io.mdbldap.conf;

import io.mdbldap.conf.schema.ApiMessages;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/** Parses the DN arguments of directives against the schema. */
final class Dns {

    private Dns() {
    }

    /**
     * Parses a DN.
     *
     * @param directive the directive, for errors
     * @param schema the schema the DN's attribute types must be in
     * @param value the DN as written
     * @param context where the DN is, for the message (for example " in to clause"), or ""
     * @return the schema-aware DN
     * @throws ConfigException if the DN is malformed or names an attribute type that is not in the schema
     */
    static Dn parse(Directive directive, SchemaManager schema, String value, String context)
            throws ConfigException {
        try {
            return new Dn(schema, value);
        } catch (LdapInvalidDnException e) {
            throw directive.error("invalid DN \"%s\"%s: %s", value, context, reason(value, e));
        }
    }

    /** The API's reason, unless the DN is well-formed, which leaves an unknown attribute type as the reason. */
    private static String reason(String value, LdapInvalidDnException e) {
        try {
            new Dn(value);
            return "an attribute type in it is not in the schema";
        } catch (LdapInvalidDnException malformed) {
            return ApiMessages.plain(e.getMessage());
        }
    }
}
