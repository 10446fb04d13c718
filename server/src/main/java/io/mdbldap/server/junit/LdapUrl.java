package io.mdbldap.server.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter or field to receive the embedded directory's URL, {@code
 * ldap://127.0.0.1:<port>}, or with {@code ldaps = true} its {@code ldaps://} URL.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface LdapUrl {
  /** Whether to give the {@code ldaps://} URL. */
  boolean ldaps() default false;
}
