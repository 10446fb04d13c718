/**
 * The LDAP side: ApacheDS's LDAP server on the configured listen URLs, with the configured limits,
 * the Who am I? and Password Modify extended operations as slapd answers them, and results
 * corrected where ApacheDS's request handlers answer otherwise than slapd (matchedDN, result codes,
 * diagnostic messages; see {@link io.mdbldap.server.protocol.SlapdResults}). Simple binds and plain searches of
 * a database take short paths past ApacheDS's request handlers (SimpleBindHandler, DirectSearchHandler).
 */
package io.mdbldap.server.protocol;
