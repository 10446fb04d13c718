package io.mdbldap.conf.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.directory.api.ldap.model.exception.LdapSchemaException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidMacrosTest {

    private final OidMacros macros = new OidMacros();

    @BeforeEach
    void defineOpenLdapStyleMacros() throws LdapSchemaException {
        macros.define("OLcfg", "1.3.6.1.4.1.4203.1.12.2");
        macros.define("OLcfgAt", "OLcfg:3");
        macros.define("OLcfgGlAt", "olcfgat:0");
    }

    @Test
    void resolvesNestedMacrosWithSuffixes() {
        assertEquals("1.3.6.1.4.1.4203.1.12.2.3.0.13", macros.resolve("OLcfgGlAt:13"));
        assertEquals("1.3.6.1.4.1.4203.1.12.2.3", macros.resolve("OLCFGAT"));
        assertEquals("2.5.4.3", macros.resolve("2.5.4.3"));
    }

    @Test
    void unknownMacrosAndInvalidOidsResolveToNull() {
        assertNull(macros.resolve("Nope:1"));
        assertNull(macros.resolve("OLcfg:x"));
        assertNull(macros.resolve("1.2..3"));
        assertNull(macros.resolve(""));
    }

    @Test
    void redefiningIsAllowedOnlyWithTheSameOid() throws LdapSchemaException {
        macros.define("OLcfgAt", "1.3.6.1.4.1.4203.1.12.2.3");
        LdapSchemaException e = assertThrows(LdapSchemaException.class, () -> macros.define("olcfgat", "1.2.3"));
        assertEquals("\"olcfgat\" previously defined \"1.3.6.1.4.1.4203.1.12.2.3\"", e.getMessage());
    }

    @Test
    void expandsTheOidThatOpensADefinition() throws LdapSchemaException {
        assertEquals(" ( 1.3.6.1.4.1.4203.1.12.2.3.0.1 NAME 'olcAccess' )",
                macros.expandLeadingOid(" ( OLcfgGlAt:1 NAME 'olcAccess' )"));
        assertEquals("(1.2.3 NAME 'x')", macros.expandLeadingOid("(1.2.3 NAME 'x')"));
        assertEquals("NAME 'x'", macros.expandLeadingOid("NAME 'x'"));
        LdapSchemaException e = assertThrows(LdapSchemaException.class,
                () -> macros.expandLeadingOid("( Nope:1 NAME 'x' )"));
        assertEquals("OID Nope:1 not recognized: no such objectidentifier macro", e.getMessage());
    }
}
