package io.mdbldap.conf.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.junit.jupiter.api.Test;

class SchemaLdifTest {

    @Test
    void readsRecordsWithFoldedLinesAndComments() throws LdapException {
        List<Entry> entries = SchemaLdif.entries("""
                # a comment
                dn: m-oid=1.2.3,ou=attributeTypes,cn=test,ou=schema\r
                m-oid: 1.2.3
                m-description: a description folded
                  over two lines
                objectclass: metaTop
                objectclass: metaAttributeType


                dn: cn=test,ou=schema
                cn: test
                """);
        assertEquals(2, entries.size());
        Entry type = entries.get(0);
        assertEquals("m-oid=1.2.3,ou=attributeTypes,cn=test,ou=schema", type.getDn().getName());
        assertEquals("a description folded over two lines", type.get("m-description").getString());
        assertEquals(2, type.get("objectClass").size());
        assertTrue(entries.get(1).contains("cn", "test"));
    }

    @Test
    void refusesWhatSchemaFilesDoNotHold() {
        assertThrows(LdapException.class, () -> SchemaLdif.entries("dn: cn=test,ou=schema\ncn:: dGVzdA==\n"));
        assertThrows(LdapException.class, () -> SchemaLdif.entries("dn: cn=test,ou=schema\ncn:< file:///etc/passwd\n"));
        assertThrows(LdapException.class, () -> SchemaLdif.entries("cn: test\n"));
    }
}
