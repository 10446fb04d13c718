package io.mdbldap.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mdbldap}: the server and its tools, one subcommand each. The offline tools (add, cat, index,
 * copy, stat, test) are the ldif module's commands, added by {@link Main#commandLine()}.
 */
@Command(name = "mdbldap", versionProvider = VersionProvider.class,
    description = "A directory server built like OpenLDAP's slapd with back-mdb: entries in LMDB, served over LDAP.",
    subcommands = ServeCommand.class,
    footer = {"", "Examples:",
        "  mdbldap serve -f conf/slapd.conf -l conf/example.ldif",
        "  mdbldap add -f conf/slapd.conf -q -l data.ldif",
        "  mdbldap cat -f conf/slapd.conf -l backup.ldif",
        "  mdbldap test -f conf/slapd.conf",
        "", "Run \"mdbldap COMMAND --help\" for the options of a command."})
final class MdbLdapCommand implements Runnable {
  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
  boolean version;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: serve, add, cat, index, copy, stat or test");
  }
}
