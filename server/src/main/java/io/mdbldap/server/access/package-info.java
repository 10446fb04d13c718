/**
 * Binds and access, as in slapd: the rootdn of each database binds with its {@code rootpw} and is
 * not subject to access rules ({@link io.mdbldap.server.access.RootDnAuthenticator}); everyone
 * else is subject to the configuration's {@code access} rules
 * ({@link io.mdbldap.server.access.AccessControlInterceptor}, evaluated by the classes of
 * {@link io.mdbldap.server.access.acl}); new passwords are stored hashed
 * ({@link io.mdbldap.server.access.PasswordHashing}).
 */
package io.mdbldap.server.access;
