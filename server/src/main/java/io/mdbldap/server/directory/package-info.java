/**
 * Assembling ApacheDS's directory service from a configuration: the schema partition over the
 * configuration's schema, {@code ou=system} and the databases on LMDB, and the interceptor chain
 * fitted to behave like slapd. Entry point: {@link io.mdbldap.server.directory.DirectoryAssembly}.
 */
package io.mdbldap.server.directory;
