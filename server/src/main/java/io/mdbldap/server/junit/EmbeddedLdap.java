package io.mdbldap.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests with an embedded directory: on a class, one directory for all its tests, put
 * back to its fixture after each test; on a method, a directory for that test alone. Test
 * classes that run in parallel each have their own, on its own free port; the methods of one
 * class share theirs, so they should not run concurrently (JUnit's default).
 *
 * <p>Test methods, constructors and lifecycle methods may take an {@code EmbeddedDirectory}, an
 * UnboundID {@code LDAPConnection} or an Apache LDAP API {@code LdapConnection} (the in-process
 * session), both bound as the rootdn and closed after the test, or a {@code String} annotated
 * {@link LdapUrl}; fields of those types annotated {@link InjectLdap} (or {@link LdapUrl}) are set.
 *
 * <pre>{@code
 * @EmbeddedLdap(ldif = "/people.ldif")
 * class LoginTest {
 *   @Test void knowsAlice(LDAPConnection ldap) throws LDAPException {
 *     assertNotNull(ldap.getEntry("uid=alice,ou=People,dc=example,dc=com"));
 *   }
 * }
 * }</pre>
 *
 * The JVM needs the flags lmdbjava needs; without them the first test fails at once with the
 * surefire/failsafe {@code argLine} to add.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(EmbeddedLdapExtension.class)
public @interface EmbeddedLdap {
  /** The suffix served. */
  String suffix() default "dc=example,dc=com";

  /** The rootdn; empty means {@code cn=admin,} plus the suffix. */
  String rootDn() default "";

  /** The rootdn's password. */
  String password() default "secret";

  /** The fixture: LDIF class path resources, or files as {@code file:path}, loaded in order. */
  String[] ldif() default {};

  /** Schema files (OpenLDAP {@code .schema} or LDIF), class path resources or {@code file:path}. */
  String[] schema() default {};

  /** Indices as slapd.conf's {@code index} lines, such as {@code "uid,mail eq,sub"}. */
  String[] index() default {};

  /** Whether to listen on {@code ldaps://} too, with a generated certificate. */
  boolean ldaps() default false;

  /** Whether to put the fixture back after each test of the class. */
  boolean reset() default true;
}
