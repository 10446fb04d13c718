package io.mdbldap.conf;

import static io.mdbldap.conf.ConfigFiles.assertFails;
import static io.mdbldap.conf.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path dir;

    @Test
    void includesResolveAgainstTheIncludingFile() throws Exception {
        write(dir.resolve("etc/db/acme.conf"), "database mdb\nsuffix o=acme\ndirectory ../../data/acme\n"
                + "include limits.conf\ninclude " + dir.resolve("etc/shared/acl.conf") + "\n");
        write(dir.resolve("etc/db/limits.conf"), "sizelimit 7\n");
        write(dir.resolve("etc/shared/acl.conf"), "access to * by users read\n");
        ServerConfig config = ConfigFiles.parse(dir.resolve("etc/slapd.conf"), "include db/acme.conf\n");
        DatabaseConfig db = config.databases().get(0);
        assertEquals(dir.resolve("data/acme"), db.directory(), "directory resolves against acme.conf's directory");
        assertEquals(7, db.limits().sizeLimit(), "a nested include continues the database section");
        assertEquals(List.of("users"), db.access().get(0).by().get(0).who());
        assertEquals(dir.resolve("etc/shared/acl.conf"), db.access().get(0).file());
    }

    @Test
    void aFileMayBeIncludedTwice() throws Exception {
        write(dir.resolve("a.conf"), "access to * by * read\n");
        ServerConfig config = ConfigFiles.parse(dir.resolve("slapd.conf"), "include a.conf\ninclude a.conf\n");
        assertEquals(2, config.access().size());
    }

    @Test
    void anIncludeLoopIsAnErrorAtTheIncludeThatCloses() {
        write(dir.resolve("a.conf"), "sizelimit 1\ninclude b.conf\n");
        write(dir.resolve("b.conf"), "\ninclude ./a.conf\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse(dir.resolve("slapd.conf"), "include a.conf\n"));
        assertEquals(dir.resolve("b.conf") + ":2: include: \"" + dir.resolve("a.conf")
                + "\" is already being read: includes must not loop", e.getMessage());
    }

    @Test
    void aMissingIncludeIsAnErrorAtTheIncludeLine() {
        assertFails(dir.resolve("slapd.conf"), "loglevel none\ninclude schema/nope.schema\n", 2,
                "include: cannot read \"" + dir.resolve("schema/nope.schema") + "\": no such file");
    }

    @Test
    void aMissingConfigurationFileIsAnErrorAboutTheFile() {
        Path missing = dir.resolve("missing.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(missing));
        assertEquals(missing + ": cannot read \"" + missing + "\": no such file", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void errorsInAnIncludedFileNameThatFile() {
        write(dir.resolve("inc/bad.conf"), "loglevel none\n\nfrobnicate\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFiles.parse(dir.resolve("slapd.conf"), "include inc/bad.conf\n"));
        assertEquals(dir.resolve("inc/bad.conf") + ":3: unknown directive \"frobnicate\"", e.getMessage());
    }

    @Test
    void relativeConfigPathsGiveRelativeFileNamesInErrors() {
        write(dir.resolve("inc/bad.conf"), "frobnicate\n");
        write(dir.resolve("slapd.conf"), "include inc/bad.conf\n");
        Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("slapd.conf"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(relative));
        assertEquals(relative.resolveSibling("inc/bad.conf") + ":1: unknown directive \"frobnicate\"",
                e.getMessage());
    }
}
