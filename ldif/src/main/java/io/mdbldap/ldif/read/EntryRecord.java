package io.mdbldap.ldif.read;

import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * An entry read from LDIF, schema-aware, with the line its record starts on.
 *
 * @param entry the entry, its DN and values normalized
 * @param line the 1-based line of the record's {@code dn:} line
 */
public record EntryRecord(Entry entry, int line) {}
