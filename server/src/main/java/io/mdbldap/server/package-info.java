/**
 * The mdbldap server process: {@link io.mdbldap.server.MdbLdapServer} turns a parsed slapd.conf
 * ({@code io.mdbldap.conf.ServerConfig}) into a running ApacheDS directory service with one LMDB
 * database per {@code database mdb} section, answering LDAP on the configured URLs.
 *
 * <p>Sub-packages, one concern each: {@code directory} assembles the directory service,
 * {@code access} decides who may bind and do what, {@code protocol} is the LDAP listener side,
 * {@code load} fills empty databases from LDIF, and {@code cli} is the {@code mdbldap} command.
 */
package io.mdbldap.server;
