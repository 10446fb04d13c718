/**
 * Loading OpenLDAP schema definitions into an ApacheDS {@code SchemaManager}:
 * {@link io.mdbldap.conf.schema.SchemaBuilder} starts from ApacheDS's built-in schemas and adds what OpenLDAP
 * {@code .schema} files define beyond them.
 */
package io.mdbldap.conf.schema;
