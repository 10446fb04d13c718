package io.mdbldap.conf;

import static io.mdbldap.conf.ConfigFiles.DATABASE;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each malformed configuration fails with exactly {@code file:line: reason}. */
class ConfigErrorsTest {

    private static final String KINDS = "pres, eq, approx, sub, subinitial, subany, subfinal, ordering";

    @TempDir
    Path dir;

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("loglevel none\nfooo bar\n", 2, "unknown directive \"fooo\""),
                arguments("backend mdb\n", 1, "unknown directive \"backend\""),
                arguments("include\n", 1, "include: missing argument; usage: include <file>"),
                arguments("sizelimit 1 2\n", 1, "sizelimit: too many arguments; usage: sizelimit <number>|unlimited"),
                arguments("sizelimit lots\n", 1, "sizelimit: \"lots\" is not a valid number"),
                arguments("timelimit -5\n", 1, "timelimit: \"-5\" is not a valid number"),
                arguments("sockbuf_max_incoming 0\n", 1, "sockbuf_max_incoming: \"0\" must be at least 1"),
                arguments("max_filter_depth deep\n", 1, "max_filter_depth: \"deep\" is not a valid number"),
                arguments("idletimeout\n", 1, "idletimeout: missing argument; usage: idletimeout <number>"),
                arguments("suffix \"dc=example,dc=com\"\n", 1,
                        "suffix: only allowed inside a database section (after \"database mdb\")"),
                arguments("index cn eq\n", 1, "index: only allowed inside a database section (after \"database mdb\")"),
                arguments("database hdb\n", 1, "database: database type \"hdb\" is not supported: only mdb is"),
                arguments("database\n", 1, "database: missing argument; usage: database mdb"),
                arguments("database mdb\nsuffix\n", 2, "suffix: missing argument; usage: suffix <dn>"),
                arguments("database mdb\nsuffix foo\n", 2, "suffix: invalid DN \"foo\": A value is missing on some RDN"),
                arguments("database mdb\nsuffix \"dc=example,,dc=com\"\n", 2, "suffix: invalid DN \"dc=example,,dc=com\": "
                        + "Unexpected character ',' at position 11. Expected start of attributeType."),
                arguments("database mdb\nsuffix nosuchattr=x\n", 2,
                        "suffix: invalid DN \"nosuchattr=x\": an attribute type in it is not in the schema"),
                arguments("database mdb\nsuffix \"\"\n", 2, "suffix: the suffix must not be empty"),
                arguments(DATABASE + "suffix dc=other\n", 4,
                        "suffix: a database has one suffix; this one already has \"dc=example,dc=com\""),
                arguments(DATABASE + "rootdn cn=admin,dc=other\n", 4,
                        "rootdn: \"cn=admin,dc=other\" is not within suffix \"dc=example,dc=com\""),
                arguments("database mdb\nrootdn cn=admin,dc=other\nsuffix dc=example,dc=com\ndirectory db\n", 2,
                        "rootdn: \"cn=admin,dc=other\" is not within suffix \"dc=example,dc=com\""),
                arguments(DATABASE + "rootpw secret\n", 4,
                        "rootpw: needs a rootdn within the suffix, and this database has no rootdn"),
                arguments("database mdb\ndirectory db\n", 1, "database: no suffix specified for this database"),
                arguments("database mdb\nsuffix dc=example,dc=com\n", 1,
                        "database: no directory specified for this database"),
                arguments(DATABASE + "database mdb\nsuffix ou=x,dc=example,dc=com\ndirectory db2\n", 5,
                        "suffix: suffix \"ou=x,dc=example,dc=com\" already served by a preceding database "
                        + "(\"dc=example,dc=com\")"),
                arguments(DATABASE + DATABASE.replace("dc=example", "dc=other"), 4,
                        "database: directory \"" + "DIR/db\" is already used by the database of \"dc=example,dc=com\""),
                arguments(DATABASE + "index cn eq\nindex sn,commonName pres\n", 5,
                        "index: duplicate index definition for attr \"commonName\""),
                arguments(DATABASE + "index cn eq,fuzzy\n", 4,
                        "index: index type \"fuzzy\" undefined; expected one of " + KINDS),
                arguments(DATABASE + "index nosuchattr eq\n", 4, "index: attribute \"nosuchattr\" undefined"),
                arguments(DATABASE + "index objectClass sub\n", 4,
                        "index: sub index of attribute \"objectClass\" disallowed: it has no substring matching rule"),
                arguments(DATABASE + "index cn ordering\n", 4,
                        "index: ordering index of attribute \"cn\" disallowed: it has no ordering matching rule"),
                arguments(DATABASE + "index cn\n", 4,
                        "index: no indexes selected; usage: index <attr[,attr...]|default> [<kind[,kind...]>]"),
                arguments(DATABASE + "index cn eq sub\n", 4,
                        "index: too many arguments; usage: index <attr[,attr...]|default> [<kind[,kind...]>]"),
                arguments(DATABASE + "maxsize 12x\n", 4,
                        "maxsize: \"12x\" is not a valid size: a positive number of bytes, optionally followed by k, m or g"),
                arguments(DATABASE + "maxsize 0\n", 4,
                        "maxsize: \"0\" is not a valid size: a positive number of bytes, optionally followed by k, m or g"),
                arguments(DATABASE + "maxsize 99999999999g\n", 4,
                        "maxsize: \"99999999999g\" is not a valid size: a positive number of bytes, optionally followed by"
                        + " k, m or g"),
                arguments(DATABASE + "maxreaders 0\n", 4, "maxreaders: \"0\" must be at least 1"),
                arguments(DATABASE + "readonly yes\n", 4, "readonly: expected on or off, got \"yes\""),
                arguments(DATABASE + "dbnosync now\n", 4, "dbnosync: too many arguments; usage: dbnosync"),
                arguments(DATABASE + "checkpoint 512\n", 4, "checkpoint: missing argument; usage: checkpoint <kbyte> <min>"),
                arguments("loglevel verbose\n", 1, "loglevel: unknown level \"verbose\""),
                arguments("listen http://localhost:80\n", 1,
                        "listen: unsupported URL \"http://localhost:80\": only ldap:// and ldaps:// are served"),
                arguments("listen ldap://localhost:389/dc=example\n", 1,
                        "listen: URL \"ldap://localhost:389/dc=example\" must be of the form ldap://host:port/"),
                arguments("listen \"ldap://local host\"\n", 1,
                        "listen: invalid URL \"ldap://local host\": Illegal character in authority"),
                arguments("loglevel none\nlisten ldaps://0.0.0.0:636\nTLSCertificateFile cert.pem\n", 2,
                        "listen: ldaps:// needs TLSCertificateFile and TLSCertificateKeyFile"),
                arguments("moduleload back_hdb\n", 1,
                        "moduleload: module \"back_hdb\" is not available: only back_mdb is supported, and it is built in"),
                arguments("pidfile\n", 1, "pidfile: missing argument; usage: pidfile <file>"),
                arguments("database mdb\nsuffix \"dc=example,dc=com\nloglevel none\n", 2, "unterminated quoted string"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void failsWithFileLineAndReason(String config, int line, String reason) {
        ConfigFiles.assertFails(dir.resolve("slapd.conf"), config, line, reason.replace("DIR/", dir + "/"));
    }
}
