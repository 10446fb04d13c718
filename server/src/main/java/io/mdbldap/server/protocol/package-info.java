/**
 * The LDAP side: ApacheDS's LDAP server on the configured listen URLs, with the configured limits,
 * and the Who am I? and Password Modify extended operations as slapd answers them.
 */
package io.mdbldap.server.protocol;
