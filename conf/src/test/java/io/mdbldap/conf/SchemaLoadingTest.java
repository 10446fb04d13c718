package io.mdbldap.conf;

import static io.mdbldap.conf.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapInvalidAttributeValueException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.ObjectClassTypeEnum;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** OpenLDAP schema definitions in .schema files and in slapd.conf itself. */
class SchemaLoadingTest {

    private static final String DIRECTORY_STRING = "1.3.6.1.4.1.1466.115.121.1.15";

    private static final String CUSTOM_SCHEMA = """
            # A user schema, with OID macros as OpenLDAP's own files use them.
            objectidentifier ExampleRoot 1.3.6.1.4.1.99999
            objectidentifier ExampleAttr ExampleRoot:1
            objectIdentifier ExampleClass exampleroot:2
            objectidentifier DirectoryString 1.3.6.1.4.1.1466.115.121.1.15

            attributetype ( ExampleAttr:1 NAME ( 'badgeNumber' 'badge' )
                DESC 'Number on the badge'
                EQUALITY caseIgnoreMatch
                SUBSTR caseIgnoreSubstringsMatch
                SYNTAX DirectoryString{64}
                SINGLE-VALUE )

            attributeType ( ExampleAttr:2 NAME 'floor'
                EQUALITY integerMatch ORDERING integerOrderingMatch
                SYNTAX '1.3.6.1.4.1.1466.115.121.1.27' )

            objectclass ( ExampleClass:1 NAME 'badgeHolder' SUP top AUXILIARY
                MUST badgeNumber MAY floor )

            objectclass ( ExampleClass:2 NAME 'employee' SUP inetOrgPerson STRUCTURAL
                MAY ( badgeNumber $ floor ) )
            """;

    @TempDir
    Path dir;

    private ServerConfig parseWithSchema(String schema, String config) throws ConfigException {
        write(dir.resolve("schema/example.schema"), schema);
        return ConfigFiles.parse(dir.resolve("slapd.conf"), "include schema/example.schema\n" + config);
    }

    @Test
    void customDefinitionsAreUsable() throws Exception {
        SchemaManager schema = parseWithSchema(CUSTOM_SCHEMA, "").schemaManager();
        AttributeType badge = schema.lookupAttributeTypeRegistry("badge");
        assertEquals("1.3.6.1.4.1.99999.1.1", badge.getOid());
        assertEquals(DIRECTORY_STRING, badge.getSyntaxOid());
        assertEquals(64, badge.getSyntaxLength());
        assertEquals("example", badge.getSchemaName());
        assertEquals("Badge 7", new Value(badge, "Badge 7").getString());
        assertEquals("1.3.6.1.4.1.99999.1.2", schema.lookupAttributeTypeRegistry("floor").getOid());
        assertThrows(LdapInvalidAttributeValueException.class,
                () -> new Value(schema.lookupAttributeTypeRegistry("floor"), "third"));
        ObjectClass holder = schema.lookupObjectClassRegistry("badgeHolder");
        assertEquals("1.3.6.1.4.1.99999.2.1", holder.getOid());
        assertEquals(ObjectClassTypeEnum.AUXILIARY, holder.getType());
        assertTrue(schema.isEnabled("example"));
    }

    @Test
    void entriesOfCustomClassesValidate() throws Exception {
        EntryChecker checker = new EntryChecker(parseWithSchema(CUSTOM_SCHEMA, "").schemaManager());
        assertEquals(List.of(), checker.problems(new DefaultEntry("uid=jd,dc=example,dc=com",
                "objectClass: employee", "objectClass: badgeHolder", "uid: jd", "cn: J D", "sn: D",
                "badgeNumber: B-17", "floor: 3")));
        assertEquals(List.of("missing MUST attribute badgeNumber"), checker.problems(new DefaultEntry(
                "uid=jd,dc=example,dc=com", "objectClass: employee", "objectClass: badgeHolder", "uid: jd",
                "cn: J D", "sn: D")));
    }

    @Test
    void customAttributesCanBeIndexed() throws Exception {
        ServerConfig config = parseWithSchema(CUSTOM_SCHEMA,
                ConfigFiles.DATABASE + "index badge eq,sub\nindex floor eq,ordering\n");
        assertEquals(Set.of("badge", "floor"), config.databases().get(0).indexes().keySet());
    }

    @Test
    void definitionsInSlapdConfJoinASchemaNamedAfterIt() throws Exception {
        SchemaManager schema = ConfigFiles.parse(dir.resolve("slapd.conf"), "attributetype ( 1.3.6.1.4.1.99999.9 "
                + "NAME 'inline' SUP name )\n").schemaManager();
        assertEquals("slapd", schema.lookupAttributeTypeRegistry("inline").getSchemaName());
    }

    @Test
    void definitionsApacheDsAlreadyHasKeepApacheDsDefinition() throws Exception {
        SchemaManager schema = parseWithSchema("attributetype ( 2.5.4.3 NAME 'commonName' DESC 'redefined' "
                + "SUP name )\n", "").schemaManager();
        AttributeType cn = schema.lookupAttributeTypeRegistry("cn");
        assertEquals("system", cn.getSchemaName());
        assertEquals("cn", cn.getName());
        assertNotNull(schema.getLoadedSchema("example"));
    }

    @Test
    void aFileNamedAfterADisabledApacheDsSchemaEnablesIt() throws Exception {
        SchemaManager plain = ConfigFiles.parse(dir.resolve("plain.conf"), "\n").schemaManager();
        assertNull(plain.getObjectClassRegistry().get("1.3.6.1.1.1.2.0"), "nis is disabled by default");
        write(dir.resolve("nis.schema"), "attributetype ( 1.3.6.1.1.1.1.0 NAME 'uidNumber' EQUALITY integerMatch "
                + "SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )\n");
        SchemaManager schema = ConfigFiles.parse(dir.resolve("slapd.conf"), "include nis.schema\n").schemaManager();
        assertEquals("nis", schema.lookupObjectClassRegistry("posixAccount").getSchemaName());
        assertFalse(schema.isDisabled("nis"));
    }

    @Test
    void anErrorInAMultiLineDefinitionIsReportedAtItsFirstLine() {
        write(dir.resolve("schema/example.schema"), "objectidentifier Ex 1.3.6.1.4.1.99999\n\n"
                + "attributetype ( Ex:1 NAME 'x'\n    DESC 'fine'\n    SYNTAX 1.2.3.999 )\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse(dir.resolve("slapd.conf"), "include schema/example.schema\n"));
        assertEquals(dir.resolve("schema/example.schema") + ":3: attributetype: \"x\" (1.3.6.1.4.1.99999.1): "
                + "Cannot find a Syntax object 1.2.3.999 while building cross-references for the x AttributeType.",
                e.getMessage());
    }

    static Stream<Arguments> errors() {
        String at = "attributetype ( 1.3.6.1.4.1.99999.1 NAME 'x' ";
        return Stream.of(
                arguments(at + "SYNTAX " + DIRECTORY_STRING + "\n", 1,
                        "attributetype: Error, AttributeType definition invalid"),
                arguments(at + "BOGUS foo SYNTAX " + DIRECTORY_STRING + " )\n", 1,
                        "attributetype: Error, AttributeType definition invalid near \"BOGUS foo SYNTAX 1.3.6.1.4.1.1...\""),
                arguments(at + "DESC 'unterminated SYNTAX " + DIRECTORY_STRING + " )\n", 1,
                        "attributetype: Simple quote expected at the end of a descr"),
                arguments("attributetype 1.3.6.1.4.1.99999.1 NAME 'x' )\n", 1,
                        "attributetype: There is a missing opening '(' near \"1.3.6.1.4.1.99999.1 NAME 'x' )\""),
                arguments(at + "SYNTAX 1.2.3.999 )\n", 1, "attributetype: \"x\" (1.3.6.1.4.1.99999.1): Cannot find a "
                        + "Syntax object 1.2.3.999 while building cross-references for the x AttributeType."),
                arguments(at + "EQUALITY fuzzyMatch SYNTAX " + DIRECTORY_STRING + " )\n", 1,
                        "attributetype: \"x\" (1.3.6.1.4.1.99999.1): Cannot find an Equality MatchingRule object for "
                        + "fuzzyMatch while building cross-references for the x AttributeType."),
                arguments(at + "SUP name )\n" + at.replace("'x'", "'y'") + "SUP name )\n", 2,
                        "attributetype: \"y\" (1.3.6.1.4.1.99999.1): OID already defined at SCHEMA:1"),
                arguments("attributetype ( 1.3.6.1.4.1.99999.1 NAME 'changeType' SUP name )\n", 1,
                        "attributetype: \"changeType\" (1.3.6.1.4.1.99999.1): ATTRIBUTE_TYPE with name changeType "
                        + "already registered!"),
                arguments("objectclass ( 2.5.4.3 NAME 'cnClass' SUP top )\n", 1,
                        "objectclass: \"cnClass\" (2.5.4.3): OID already used by attributetype cn"),
                arguments("objectclass ( 1.3.6.1.4.1.99999.2 NAME 'y' SUP nosuch MUST cn )\n", 1,
                        "objectclass: \"y\" (1.3.6.1.4.1.99999.2): Cannot register the SchemaObject "
                        + "1.3.6.1.4.1.99999.2, the given SUPERIOR does not exist: nosuch"),
                arguments("objectclass ( 1.3.6.1.4.1.99999.2 NAME 'y' AUXILIARY MUST ( cn $ nosuchAttr ) )\n", 1,
                        "objectclass: \"y\" (1.3.6.1.4.1.99999.2): Cannot register the SchemaObject "
                        + "1.3.6.1.4.1.99999.2, the AT we want to add to MUST does not exist: nosuchAttr"),
                arguments("objectclass ( 1.3.6.1.4.1.99999.2 NAME 'y' SUP person MAY sn )\n", 1,
                        "objectclass: \"y\" (1.3.6.1.4.1.99999.2): attribute sn is both required (MUST) and allowed "
                        + "(MAY), which ApacheDS refuses"),
                arguments("attributetype ( Nope:1 NAME 'x' SUP name )\n", 1,
                        "attributetype: OID Nope:1 not recognized: no such objectidentifier macro"),
                arguments("objectidentifier Ex 1.2.3\nobjectidentifier Ex 1.2.4\n", 2,
                        "objectidentifier: \"Ex\" previously defined \"1.2.3\""),
                arguments("objectidentifier Ex Nope:7\n", 1, "objectidentifier: OID Nope:7 not recognized"),
                arguments("objectidentifier 9x 1.2.3\n", 1, "objectidentifier: \"9x\" is not a valid macro name"),
                arguments("objectidentifier Ex\n", 1,
                        "objectidentifier: missing argument; usage: objectidentifier <name> <oid>"),
                arguments("ldapsyntax ( 1.3.6.1.4.1.99999.3 DESC 'x' )\n", 1, "unknown directive \"ldapsyntax\""));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void malformedDefinitionsFailAtTheirLine(String schema, int line, String reason) {
        Path file = dir.resolve("schema/example.schema");
        write(file, schema);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse(dir.resolve("slapd.conf"), "include schema/example.schema\n"));
        assertEquals(file + ":" + line + ": " + reason.replace("SCHEMA", file.toString()), e.getMessage());
    }
}
