/**
 * The {@code mdbldap} command line (picocli): {@code serve} and {@code test} today; the offline
 * tools ({@code add}, {@code cat}, {@code index}, {@code copy}, {@code stat}) join as further
 * subcommands of {@link io.mdbldap.server.cli.MdbLdapCommand}.
 */
package io.mdbldap.server.cli;
