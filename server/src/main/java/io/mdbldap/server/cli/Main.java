package io.mdbldap.server.cli;

import io.mdbldap.conf.ConfigException;
import io.mdbldap.conf.schema.SchemaBuilder;
import io.mdbldap.ldif.Tools;
import io.mdbldap.server.StartupException;
import java.io.PrintWriter;
import org.slf4j.event.Level;
import picocli.CommandLine;

/**
 * The {@code mdbldap} command. Exit codes: 0 success, 1 failure (the configuration, a database, an
 * address in use...), 2 bad usage.
 */
public final class Main {
  private Main() {}

  /** Runs {@code mdbldap} with {@code args} and exits with its exit code. */
  public static void main(String[] args) {
    if (args.length > 0 && isTool(args[0])) {
      Logging.configureForTools();
    } else {
      Logging.configure(Level.INFO);
    }
    // After the logging set-up, which the schema loader's messages must meet: every command but help
    // reads the configuration, whose schema then loads while picocli sets the command line up.
    SchemaBuilder.prefetchBuiltInSchemas();
    System.exit(commandLine().execute(args));
  }

  /** The command line, ready to {@code execute}: the CLI without the process around it, for tests. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new MdbLdapCommand());
    Tools.COMMANDS.forEach(line::addSubcommand);
    return line.setExecutionExceptionHandler(Main::failure);
  }

  private static boolean isTool(String command) {
    return !command.equals("serve") && !command.startsWith("-");
  }

  /** Failures the user can act on are one line, without a stack trace; config errors read file:line: message. */
  private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (e instanceof ConfigException) {
      err.println(e.getMessage());
    } else if (e instanceof StartupException) {
      err.println("mdbldap: " + e.getMessage());
    } else {
      err.println("mdbldap: unexpected error: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }
}
