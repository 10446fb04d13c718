package io.mdbldap.conf;

import java.util.Objects;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.LdapSecurityConstants;

/**
 * How passwords are stored and when TLS is required: the {@code password-hash} and {@code security} directives.
 *
 * @param passwordHash the scheme new userPassword values are hashed with; empty for {@code {CLEARTEXT}}, which stores
 *     them as sent
 * @param simpleBindNeedsTls whether simple binds with a password are refused (confidentialityRequired) on a
 *     connection without TLS: {@code security simple_bind=<n>} with {@code n > 0}
 */
public record Security(Optional<LdapSecurityConstants> passwordHash, boolean simpleBindNeedsTls) {

    /** slapd's defaults: {@code {SSHA}}, and simple binds allowed in clear text. */
    public static final Security DEFAULT = new Security(Optional.of(LdapSecurityConstants.HASH_METHOD_SSHA), false);

    /**
     * Checks the components.
     *
     * @throws NullPointerException if {@code passwordHash} is null rather than empty
     */
    public Security {
        Objects.requireNonNull(passwordHash, "passwordHash");
    }
}
