package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/** The files the module ships: slapd.conf, example.ldif and schema/*.schema. Surefire runs in the module directory. */
class ShippedFilesTest {

    private static final Path SHIPPED_CONF = Path.of("slapd.conf");

    private static ServerConfig shipped;

    @TempDir
    Path dir;

    @BeforeAll
    static void parseShippedConfig() throws ConfigException {
        shipped = ConfigParser.parse(SHIPPED_CONF);
    }

    @Test
    void shippedConfigHasTheDocumentedGlobalSettings() {
        assertEquals(SHIPPED_CONF, shipped.file());
        assertEquals(List.of(URI.create("ldap://127.0.0.1:1389")), shipped.listen());
        assertEquals(Level.INFO, shipped.logLevel());
        assertEquals(new Limits(500, 3600), shipped.limits());
        assertEquals(TlsFiles.NONE, shipped.tls());
        assertEquals(Optional.empty(), shipped.pidFile());
        assertTrue(shipped.access().isEmpty());
        assertInstanceOf(DefaultSchemaManager.class, shipped.schemaManager());
    }

    @Test
    void uidNumberAndGidNumberOrderAsSlapdsBuiltInsDo() throws Exception {
        // nis.schema leaves both to slapd's built-in definitions, which have integerOrderingMatch.
        for (String name : List.of("uidNumber", "gidNumber")) {
            AttributeType type = shipped.schemaManager().lookupAttributeTypeRegistry(name);
            assertEquals("integerOrderingMatch", type.getOrdering().getName(), name);
            assertEquals("integerMatch", type.getEquality().getName(), name);
        }
        AttributeType uidNumber = shipped.schemaManager().lookupAttributeTypeRegistry("uidNumber");
        assertTrue(uidNumber.getOrdering().getLdapComparator().compare("9", "10") < 0, "numeric, not text, order");
    }

    @Test
    void shippedConfigHasOneExampleDatabase() throws Exception {
        assertEquals(1, shipped.databases().size());
        DatabaseConfig db = shipped.databases().get(0);
        assertEquals(new Dn("dc=example,dc=com"), db.suffix());
        assertEquals(Optional.of(new Dn("cn=admin,dc=example,dc=com")), db.rootDn());
        assertEquals(Optional.of("secret"), db.rootPw());
        assertEquals(Path.of("..", "var", "example").toAbsolutePath().normalize(), db.directory());
        assertEquals(1_073_741_824L, db.maxSize());
        assertEquals(List.of("objectClass", "cn", "sn", "uid", "mail", "member", "uidNumber", "gidNumber"),
                List.copyOf(db.indexes().keySet()));
        assertEquals(List.of("eq", "sub"), List.copyOf(db.indexes().get("mail")));
        assertEquals(Set.of("eq"), db.indexes().get("gidNumber"));
        assertEquals(Limits.DEFAULT, db.limits());
        assertFalse(db.readOnly());
        assertFalse(db.noSync());
        assertEquals(DatabaseConfig.DEFAULT_MAX_READERS, db.maxReaders());
    }

    @Test
    void shippedConfigProtectsPasswords() {
        List<AccessRule> rules = shipped.databases().get(0).access();
        assertEquals(2, rules.size());
        assertEquals(List.of("attrs=userPassword,shadowLastChange"), rules.get(0).what());
        assertEquals(List.of(new AccessRule.By(List.of("self"), "write", "stop"),
                new AccessRule.By(List.of("anonymous"), "auth", "stop"),
                new AccessRule.By(List.of("*"), "none", "stop")), rules.get(0).by());
        assertEquals(List.of("*"), rules.get(1).what());
        assertEquals(SHIPPED_CONF, rules.get(1).file());
        assertTrue(rules.get(1).text().matches("access to \\*\\s+by \\* read"), rules.get(1).text());
    }

    @Test
    void databaseToStringHidesTheRootPassword() {
        String text = shipped.databases().get(0).toString();
        assertFalse(text.contains("secret"), text);
        assertTrue(text.contains("rootPw=Optional[***]"), text);
    }

    @Test
    void exampleLdifIsValidAgainstTheShippedSchema() throws Exception {
        EntryChecker checker = new EntryChecker(shipped.schemaManager());
        Dn suffix = shipped.databases().get(0).suffix();
        List<String> problems = new ArrayList<>();
        int entries = 0;
        try (LdifReader reader = new LdifReader(Path.of("example.ldif").toFile())) {
            for (LdifEntry ldif : reader) {
                Entry entry = ldif.getEntry();
                assertTrue(entry.getDn().isDescendantOf(suffix), entry.getDn() + " is outside the suffix");
                checker.problems(entry).forEach(p -> problems.add(entry.getDn() + ": " + p));
                entries++;
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(26, entries);
    }

    @Test
    void entryCheckerFindsSchemaViolations() throws Exception {
        EntryChecker checker = new EntryChecker(shipped.schemaManager());
        Entry noSurname = new DefaultEntry("uid=x,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: x",
                "cn: X", "street: Main Street");
        assertEquals(List.of("missing MUST attribute sn"), checker.problems(noSurname));
        Entry stray = new DefaultEntry("cn=x,dc=example,dc=com", "objectClass: device", "cn: y", "mail: x@y");
        assertEquals(List.of("attribute mail is not allowed by the object classes",
                "RDN value cn=x is not in the entry"), checker.problems(stray));
    }

    static Stream<Path> shippedSchemaFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("schema"))) {
            return files.filter(f -> f.toString().endsWith(".schema")).sorted().toList().stream();
        }
    }

    @Test
    void shipsTheUsualOpenLdapSchemaFiles() throws IOException {
        assertEquals(List.of("collective", "corba", "core", "cosine", "duaconf", "dyngroup", "inetorgperson", "java",
                "misc", "namedobject", "nis", "openldap"),
                shippedSchemaFiles().map(f -> f.getFileName().toString().replace(".schema", "")).toList());
        assertTrue(Files.readString(Path.of("schema", "LICENSE")).contains("The OpenLDAP Public License"));
    }

    @ParameterizedTest
    @MethodSource("shippedSchemaFiles")
    void eachShippedSchemaFileLoads(Path schema) throws Exception {
        String text = Files.readString(schema);
        assertTrue(text.contains("The OpenLDAP Foundation"), "license header kept in " + schema);
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"),
                "include " + schema.toAbsolutePath() + "\n");
        assertTrue(config.schemaManager().getAttributeTypeRegistry().size() > 0);
    }

    @Test
    void allShippedSchemaFilesLoadTogether() throws Exception {
        StringBuilder conf = new StringBuilder();
        for (String name : List.of("core", "cosine", "inetorgperson", "nis", "openldap", "dyngroup", "misc",
                "collective", "corba", "duaconf", "java", "namedobject")) {
            conf.append("include ").append(Path.of("schema", name + ".schema").toAbsolutePath()).append('\n');
        }
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), conf.toString());
        for (String objectClass : List.of("OpenLDAPperson", "groupOfURLs", "nisMailAlias", "corbaObject",
                "DUAConfigProfile", "javaObject", "namedObject", "posixAccount")) {
            config.schemaManager().lookupObjectClassRegistry(objectClass);
        }
        config.schemaManager().lookupAttributeTypeRegistry("dgAuthz");
    }
}
