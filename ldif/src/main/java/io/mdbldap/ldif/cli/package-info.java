/**
 * The tools' picocli commands, with OpenLDAP's flag letters: {@code -f} configuration,
 * {@code -b} database, {@code -l} LDIF file, {@code -q} quick, {@code -c} continue, {@code -u} dry
 * run, {@code -a} filter.
 */
package io.mdbldap.ldif.cli;
