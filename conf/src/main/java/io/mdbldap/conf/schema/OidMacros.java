package io.mdbldap.conf.schema;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.directory.api.asn1.util.Oid;
import org.apache.directory.api.ldap.model.exception.LdapSchemaException;

/**
 * OpenLDAP {@code objectidentifier} macros (servers/slapd/oidm.c): a name that stands for an OID, used as
 * {@code name} or {@code name:suffix} (which expands to the OID, a dot, and the suffix) wherever a definition's own
 * OID or its {@code SYNTAX} is expected. Names match without regard to case.
 */
final class OidMacros {

    /** Macro names are descriptors: a letter, then letters, digits and hyphens. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    /** A definition's opening: the parenthesis, then its OID. */
    private static final Pattern LEADING_OID = Pattern.compile("^(\\s*\\(\\s*)([^\\s()]+)");

    private final Map<String, String> oids = new HashMap<>();

    /**
     * Defines a macro, as {@code objectidentifier <name> <oid>} does. Defining a name again is allowed only with the
     * same OID.
     *
     * @param name the macro name
     * @param value a numeric OID, or a macro use
     * @throws LdapSchemaException if the name is not a descriptor, the value names no known OID, or the name already
     *     stands for another OID
     */
    void define(String name, String value) throws LdapSchemaException {
        if (!NAME.matcher(name).matches()) {
            throw new LdapSchemaException("\"" + name + "\" is not a valid macro name");
        }
        String oid = resolve(value);
        if (oid == null) {
            throw new LdapSchemaException("OID " + value + " not recognized");
        }
        String previous = oids.putIfAbsent(key(name), oid);
        if (previous != null && !previous.equals(oid)) {
            throw new LdapSchemaException("\"" + name + "\" previously defined \"" + previous + "\"");
        }
    }

    /**
     * Expands an OID that may be a macro use.
     *
     * @param value a numeric OID, {@code name} or {@code name:suffix}
     * @return the numeric OID, or {@code null} if the value is neither a valid numeric OID nor a defined macro
     */
    String resolve(String value) {
        if (value.isEmpty()) {
            return null;
        }
        String oid = value;
        if (!Character.isDigit(value.charAt(0))) {
            int colon = value.indexOf(':');
            String base = oids.get(key(colon < 0 ? value : value.substring(0, colon)));
            if (base == null) {
                return null;
            }
            oid = colon < 0 ? base : base + "." + value.substring(colon + 1);
        }
        return Oid.isOid(oid) ? oid : null;
    }

    /**
     * Expands the OID that opens a definition, {@code ( OLcfgAt:1 NAME ...}, when it is a macro use.
     *
     * @param description the definition, starting with its parenthesis
     * @return the definition with a numeric OID
     * @throws LdapSchemaException if the OID is a macro use of an undefined macro
     */
    String expandLeadingOid(String description) throws LdapSchemaException {
        Matcher m = LEADING_OID.matcher(description);
        if (!m.find() || !Character.isLetter(m.group(2).charAt(0))) {
            return description;
        }
        String oid = resolve(m.group(2));
        if (oid == null) {
            throw new LdapSchemaException("OID " + m.group(2) + " not recognized: no such objectidentifier macro");
        }
        return m.group(1) + oid + description.substring(m.end());
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
