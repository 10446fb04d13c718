/**
 * The slapd.conf-style configuration of mdbldap: {@link io.mdbldap.conf.ConfigParser} reads a file (and the files it
 * includes) into an immutable {@link io.mdbldap.conf.ServerConfig} with one {@link io.mdbldap.conf.DatabaseConfig}
 * per {@code database mdb} section, or fails with a {@link io.mdbldap.conf.ConfigException} that names the file and
 * line, as slaptest does.
 *
 * <p>The module ships a default {@code conf/slapd.conf}, a sample {@code conf/example.ldif}, and OpenLDAP's
 * {@code .schema} files in {@code conf/schema/}.
 */
package io.mdbldap.conf;
