package io.mdbldap.conf.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * Reads the LDIF of ApacheDS's schema files: records of {@code attribute: value} lines, folded lines and comments,
 * and nothing else (no base64 or URL values, no change records), which this reader refuses. It does what the LDAP
 * API's LdifReader does with such records at a fraction of the cost: LdifReader handles all of LDIF, and reading the
 * built-in schemas with it took a fifth of a cold start's schema time.
 */
final class SchemaLdif {
    private SchemaLdif() {}

    /**
     * The entries of {@code ldif}, schema-less, in order.
     *
     * @throws LdapException if a line is not a plain {@code attribute: value} line, or a record has no {@code dn:}
     */
    static List<Entry> entries(String ldif) throws LdapException {
        List<Entry> entries = new ArrayList<>();
        Entry entry = null;
        StringBuilder line = null;
        for (String text : ldif.split("\r?\n", -1)) {
            if (text.startsWith(" ") && line != null) {
                line.append(text, 1, text.length());
                continue;
            }
            if (line != null) {
                entry = addLine(entries, entry, line.toString());
                line = null;
            }
            if (text.isEmpty()) {
                entry = null;
            } else if (!text.startsWith("#")) {
                line = new StringBuilder(text);
            }
        }
        if (line != null) {
            addLine(entries, entry, line.toString());
        }
        return entries;
    }

    /** Adds one unfolded line to the record being read; a {@code dn:} line begins one. */
    private static Entry addLine(List<Entry> entries, Entry entry, String line) throws LdapException {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.startsWith(":", colon + 1) || line.startsWith("<", colon + 1)) {
            throw new LdapException("not a plain \"attribute: value\" line in a schema file: " + line);
        }
        String id = line.substring(0, colon);
        String value = line.substring(colon + 1).strip();
        if (id.equalsIgnoreCase("dn")) {
            Entry started = new DefaultEntry(new Dn(value));
            entries.add(started);
            return started;
        }
        if (entry == null) {
            throw new LdapException("a schema file record does not begin with dn: " + line);
        }
        entry.add(id, value);
        return entry;
    }
}
