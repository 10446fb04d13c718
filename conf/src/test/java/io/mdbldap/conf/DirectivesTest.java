package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.directory.api.ldap.model.name.Dn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.event.Level;

class DirectivesTest {

    private static final String ALL_DIRECTIVES = """
            # every directive once
            listen ldap://localhost:389 ldaps://0.0.0.0:1636
            LISTEN ldap:///
            loglevel stats sync
            sizelimit unlimited
            timelimit 60
            pidfile run/slapd.pid
            argsfile /tmp/slapd.args
            modulepath /usr/lib/ldap
            moduleload back_mdb.la
            TLSCertificateFile tls/cert.pem
            TLSCertificateKeyFile tls/key.pem
            TLSCACertificateFile tls/ca.pem
            access to dn.base="" by * read

            database mdb
            suffix "o=Acme Corp,c=US"
            rootdn "cn=Manager,o=Acme Corp,c=US"
            rootpw {SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=
            directory ../data/acme
            maxsize 512m
            index default pres,eq
            index cn,sn
            index telephoneNumber eq,sub
            index givenName subinitial,subany,subfinal,approx
            index modifyTimestamp eq,ordering
            sizelimit 10
            timelimit unlimited
            readonly on
            maxreaders 500
            dbnosync
            checkpoint 1024 15
            access to attrs=userPassword by self write by * auth
            loglevel acl

            Database MDB
            suffix dc=other
            directory other
            readonly off
            """;

    @TempDir
    Path dir;

    @Test
    void everyGlobalDirective() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), ALL_DIRECTIVES);
        assertEquals(List.of(URI.create("ldap://localhost:389"), URI.create("ldaps://0.0.0.0:1636"),
                URI.create("ldap://0.0.0.0:389")), config.listen());
        assertEquals(Level.DEBUG, config.logLevel(), "the last loglevel wins, even inside a database section");
        assertEquals(new Limits(Limits.UNLIMITED, 60), config.limits());
        assertEquals(Optional.of(dir.resolve("run/slapd.pid")), config.pidFile());
        assertEquals(Optional.of(Path.of("/tmp/slapd.args")), config.argsFile());
        assertEquals(new TlsFiles(Optional.of(dir.resolve("tls/cert.pem")), Optional.of(dir.resolve("tls/key.pem")),
                Optional.of(dir.resolve("tls/ca.pem"))), config.tls());
        assertEquals(1, config.access().size());
        assertEquals(List.of("dn.base="), config.access().get(0).what());
        assertEquals(14, config.access().get(0).line());
    }

    @Test
    void everyDatabaseDirective() throws Exception {
        DatabaseConfig db = ConfigFiles.parse(dir.resolve("slapd.conf"), ALL_DIRECTIVES).databases().get(0);
        assertEquals(new Dn("o=Acme Corp,c=US"), db.suffix());
        assertEquals(Optional.of(new Dn("cn=Manager,o=Acme Corp,c=US")), db.rootDn());
        assertEquals(Optional.of("{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g="), db.rootPw());
        assertEquals(dir.resolveSibling("data/acme"), db.directory());
        assertEquals(512L << 20, db.maxSize());
        assertEquals(Map.of("cn", Set.of("pres", "eq"), "sn", Set.of("pres", "eq"), "telephoneNumber",
                Set.of("eq", "sub"), "givenName", Set.of("subinitial", "subany", "subfinal", "approx"),
                "modifyTimestamp", Set.of("eq", "ordering")), db.indexes());
        assertEquals(List.of("subinitial", "subany", "subfinal", "approx"), List.copyOf(db.indexes().get("givenName")));
        assertEquals(new Limits(10, Limits.UNLIMITED), db.limits());
        assertTrue(db.readOnly());
        assertEquals(500, db.maxReaders());
        assertTrue(db.noSync());
        assertEquals(Optional.of(new DatabaseConfig.Checkpoint(1024, 15)), db.checkpoint());
        assertEquals(List.of("attrs=userPassword"), db.access().get(0).what());
    }

    @Test
    void aSecondDatabaseStartsFromTheGlobalDefaults() throws Exception {
        List<DatabaseConfig> dbs = ConfigFiles.parse(dir.resolve("slapd.conf"), ALL_DIRECTIVES).databases();
        assertEquals(2, dbs.size());
        DatabaseConfig other = dbs.get(1);
        assertEquals(new Dn("dc=other"), other.suffix());
        assertEquals(new Limits(Limits.UNLIMITED, 60), other.limits());
        assertEquals(Optional.empty(), other.rootDn());
        assertEquals(Optional.empty(), other.rootPw());
        assertEquals(DatabaseConfig.DEFAULT_MAX_SIZE, other.maxSize());
        assertFalse(other.readOnly());
        assertFalse(other.noSync());
        assertEquals(Optional.empty(), other.checkpoint());
        assertTrue(other.indexes().isEmpty());
    }

    @Test
    void connectionLimits() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("limits.conf"), """
                sockbuf_max_incoming 1000
                sockbuf_max_incoming_auth 2000
                idletimeout 30
                max_connections 200
                max_filter_depth 20
                """);
        assertEquals(new ConnectionLimits(1000, 2000, 30, 200, 20), config.connectionLimits());
    }

    @Test
    void defaultsWithoutDirectives() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("empty.conf"), "# nothing\n");
        assertEquals(List.of(ServerConfig.DEFAULT_LISTEN), config.listen());
        assertEquals(Level.INFO, config.logLevel());
        assertEquals(Limits.DEFAULT, config.limits());
        assertEquals(ConnectionLimits.DEFAULT, config.connectionLimits());
        assertEquals(TlsFiles.NONE, config.tls());
        assertTrue(config.databases().isEmpty());
    }

    @Test
    void resultIsImmutable() throws Exception {
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), ALL_DIRECTIVES);
        DatabaseConfig db = config.databases().get(0);
        assertThrowsUnsupported(() -> config.databases().clear());
        assertThrowsUnsupported(() -> db.indexes().put("x", Set.of()));
        assertThrowsUnsupported(() -> db.indexes().get("cn").add("sub"));
        assertThrowsUnsupported(() -> db.access().get(0).by().clear());
    }

    private static void assertThrowsUnsupported(Runnable change) {
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, change::run);
    }

    @ParameterizedTest
    @CsvSource({"none, WARN", "0, WARN", "stats, INFO", "256, INFO", "0x100, INFO", "'stats2 sync', INFO",
        "ACL, DEBUG", "'config stats', DEBUG", "trace, TRACE", "any, TRACE", "-1, TRACE"})
    void logLevelsMapToSlf4j(String level, Level expected) throws Exception {
        assertEquals(expected, ConfigFiles.parse(dir.resolve("l.conf"), "loglevel " + level + "\n").logLevel());
    }

    @ParameterizedTest
    @CsvSource({"ldap://localhost, ldap://localhost:389", "ldaps://example.com/, ldaps://example.com:636",
        "LDAP://[::1]:10389, ldap://[::1]:10389", "ldap://127.0.0.1:0, ldap://127.0.0.1:0"})
    void listenUrlsGetAHostAndAPort(String url, URI expected) throws Exception {
        String tls = "TLSCertificateFile c.pem\nTLSCertificateKeyFile k.pem\n";
        assertEquals(List.of(expected), ConfigFiles.parse(dir.resolve("u.conf"), tls + "listen " + url).listen());
    }
}
