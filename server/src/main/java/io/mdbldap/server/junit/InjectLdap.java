package io.mdbldap.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field that {@link EmbeddedLdap} sets before each test: an {@code EmbeddedDirectory}, an
 * UnboundID {@code LDAPConnection} or an Apache LDAP API {@code LdapConnection} (both bound as the
 * rootdn, closed after the test). A static {@code EmbeddedDirectory} field is set before all tests.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectLdap {}
