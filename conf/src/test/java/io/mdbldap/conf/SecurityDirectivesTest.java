package io.mdbldap.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityDirectivesTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreSshaAndClearTextBindsAllowed() throws Exception {
        assertEquals(Security.DEFAULT, ConfigFiles.parse(dir.resolve("d.conf"), "loglevel none\n").security());
        assertEquals(Optional.of(LdapSecurityConstants.HASH_METHOD_SSHA), Security.DEFAULT.passwordHash());
    }

    @ParameterizedTest
    @CsvSource({"{SSHA}, HASH_METHOD_SSHA", "{ssha512}, HASH_METHOD_SSHA512", "{SSHA-256}, HASH_METHOD_SSHA256",
        "{PBKDF2}, HASH_METHOD_PKCS5S2", "{PKCS5S2}, HASH_METHOD_PKCS5S2", "{BCRYPT}, HASH_METHOD_CRYPT_BCRYPT",
        "{CRYPT-SHA-512}, HASH_METHOD_CRYPT_SHA512", "'{SHA} {SSHA}', HASH_METHOD_SHA"})
    void passwordHashNamesAScheme(String schemes, LdapSecurityConstants expected) throws Exception {
        Security security = ConfigFiles.parse(dir.resolve("h.conf"), "password-hash " + schemes + "\n").security();
        assertEquals(Optional.of(expected), security.passwordHash());
    }

    @Test
    void cleartextStoresPasswordsAsSent() throws Exception {
        assertEquals(Optional.empty(),
                ConfigFiles.parse(dir.resolve("c.conf"), "password-hash {CLEARTEXT}\n").security().passwordHash());
    }

    @Test
    void simpleBindFactorRequiresTlsForSimpleBinds() throws Exception {
        assertEquals(new Security(Optional.of(LdapSecurityConstants.HASH_METHOD_SSHA), true),
                ConfigFiles.parse(dir.resolve("s.conf"), "security simple_bind=128\n").security());
        assertEquals(Security.DEFAULT, ConfigFiles.parse(dir.resolve("z.conf"), "security simple_bind=0\n").security());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "password-hash {ROT13}|password-hash: password scheme \"{ROT13}\" not supported; use {SSHA}, {SSHA256}, "
            + "{SSHA512}, {PBKDF2}, {BCRYPT}, {CRYPT-SHA-512}, {SHA}, {SMD5}, {MD5}, {CRYPT} or {CLEARTEXT}",
        "password-hash SSHA|password-hash: \"SSHA\" is not a scheme: write it in braces, for example {SSHA}",
        "security tls=1|security: security factor \"tls=1\" not supported; usage: security simple_bind=<n>",
        "security simple_bind=x|security: \"x\" is not a valid number"})
    void badSettingsFailWithFileAndLine(String line, String reason) {
        ConfigFiles.assertFails(dir.resolve("slapd.conf"), "loglevel none\n" + line + "\n", 2, reason);
    }
}
