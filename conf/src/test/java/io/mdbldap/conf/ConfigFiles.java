package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files for tests and checks the errors they cause. */
final class ConfigFiles {

    /** The smallest valid database section, three lines long. */
    static final String DATABASE = "database mdb\nsuffix dc=example,dc=com\ndirectory db\n";

    private ConfigFiles() {
    }

    /**
     * Writes a file, creating its directory.
     *
     * @param file the file
     * @param text the content
     * @return the file
     */
    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a configuration file and parses it.
     *
     * @param file the file
     * @param text the content
     * @return the configuration
     * @throws ConfigException if the content is not a valid configuration
     */
    static ServerConfig parse(Path file, String text) throws ConfigException {
        return ConfigParser.parse(write(file, text));
    }

    /**
     * Writes a configuration file and checks that parsing it fails with exactly the expected message.
     *
     * @param file the file
     * @param text the content
     * @param line the line the error must be on
     * @param reason the expected reason
     * @return the error
     */
    static ConfigException assertFails(Path file, String text, int line, String reason) {
        write(file, text);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigParser.parse(file));
        assertEquals(file + ":" + line + ": " + reason, e.getMessage());
        assertEquals(file, e.file());
        assertEquals(line, e.line());
        assertEquals(reason, e.reason());
        return e;
    }
}
