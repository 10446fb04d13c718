/**
 * Binds and access: the rootdn of each database binds with its {@code rootpw} and may update its
 * database, as in slapd; everyone else follows the interim policy of
 * {@link io.mdbldap.server.access.InterimAccessInterceptor} until the configuration's access
 * rules are enforced.
 */
package io.mdbldap.server.access;
