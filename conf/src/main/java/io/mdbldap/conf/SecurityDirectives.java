package io.mdbldap.conf;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;

/**
 * Parses {@code password-hash <scheme>} and {@code security <factor>=<n>...} (slapd.conf(5)) into {@link Security}.
 *
 * <p>{@code password-hash} takes slapd's schemes and the stronger ones the Apache LDAP API implements, named as in
 * the stored value's prefix or as the API names them: {@code {SSHA}} (default), {@code {SHA}}, {@code {SMD5}},
 * {@code {MD5}}, {@code {CRYPT}}, {@code {SSHA256}}, {@code {SSHA384}}, {@code {SSHA512}}, {@code {PBKDF2}}
 * (PBKDF2-HMAC-SHA1, stored as {@code {PKCS5S2}}), {@code {CRYPT-SHA-512}}, {@code {BCRYPT}}, and {@code {CLEARTEXT}}.
 * Only the first scheme of the line is used: slapd too hashes with the first. Of the {@code security} factors only
 * {@code simple_bind} is supported, as a switch: any value above 0 requires TLS for simple binds.
 */
final class SecurityDirectives {

    private static final String HASH_USAGE = "password-hash <hash> [<hash>...]";
    private static final String SECURITY_USAGE = "security simple_bind=<n>";

    /** Names the API does not use itself: slapd's module and contrib scheme names. */
    private static final Map<String, LdapSecurityConstants> ALIASES = Map.of(
            "PBKDF2", LdapSecurityConstants.HASH_METHOD_PKCS5S2,
            "PBKDF2-SHA1", LdapSecurityConstants.HASH_METHOD_PKCS5S2,
            "BCRYPT", LdapSecurityConstants.HASH_METHOD_CRYPT_BCRYPT);

    private Security security = Security.DEFAULT;

    /**
     * Applies a directive if it is one of these two.
     *
     * @param d the directive
     * @return false if it is neither
     * @throws ConfigException if the directive is malformed or names something unsupported
     */
    boolean apply(Directive d) throws ConfigException {
        switch (d.keyword()) {
            case "password-hash" -> security = new Security(passwordHash(d), security.simpleBindNeedsTls());
            case "security" -> security = new Security(security.passwordHash(), simpleBindNeedsTls(d));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the settings collected so far.
     *
     * @return the security settings
     */
    Security security() {
        return security;
    }

    private static Optional<LdapSecurityConstants> passwordHash(Directive d) throws ConfigException {
        d.expectArgs(1, Integer.MAX_VALUE, HASH_USAGE);
        String written = d.args().get(0);
        if (!written.startsWith("{") || !written.endsWith("}")) {
            throw d.error("\"%s\" is not a scheme: write it in braces, for example {SSHA}", written);
        }
        String name = written.substring(1, written.length() - 1).toUpperCase(Locale.ROOT);
        if (name.equals("CLEARTEXT")) {
            return Optional.empty();
        }
        LdapSecurityConstants scheme = ALIASES.get(name);
        for (LdapSecurityConstants candidate : LdapSecurityConstants.values()) {
            if (scheme == null && (candidate.getName().equalsIgnoreCase(name)
                    || candidate.getPrefix().equalsIgnoreCase(name))) {
                scheme = candidate;
            }
        }
        if (scheme == null) {
            throw d.error("password scheme \"%s\" not supported; use {SSHA}, {SSHA256}, {SSHA512}, {PBKDF2}, "
                    + "{BCRYPT}, {CRYPT-SHA-512}, {SHA}, {SMD5}, {MD5}, {CRYPT} or {CLEARTEXT}", written);
        }
        return Optional.of(scheme);
    }

    private static boolean simpleBindNeedsTls(Directive d) throws ConfigException {
        d.expectArgs(1, Integer.MAX_VALUE, SECURITY_USAGE);
        boolean needsTls = false;
        for (String factor : d.args()) {
            String lower = factor.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("simple_bind=")) {
                throw d.error("security factor \"%s\" not supported; usage: %s", factor, SECURITY_USAGE);
            }
            needsTls = d.nonNegativeInt(lower.substring("simple_bind=".length())) > 0;
        }
        return needsTls;
    }
}
