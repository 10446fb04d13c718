package io.mdbldap.ldif;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.mdbldap.conf.schema.SchemaBuilder;
import io.mdbldap.ldif.cli.AddCommand;
import io.mdbldap.ldif.cli.CatCommand;
import io.mdbldap.ldif.cli.CopyCommand;
import io.mdbldap.ldif.cli.IndexCommand;
import io.mdbldap.ldif.cli.StatCommand;
import io.mdbldap.ldif.cli.TestCommand;
import java.util.List;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The offline tools on their own, without the server: {@code Tools add|cat|index|copy|stat|test ...},
 * for tests and benchmarks. The {@code mdbldap} launcher registers the same command classes
 * ({@link #COMMANDS}) as its subcommands.
 */
public final class Tools {
  /** The tools' picocli command classes: public, with no-argument constructors. */
  public static final List<Class<?>> COMMANDS = List.of(AddCommand.class, CatCommand.class, IndexCommand.class,
      CopyCommand.class, StatCommand.class, TestCommand.class);

  private Tools() {}

  /** Runs one tool and exits with its status. */
  public static void main(String[] args) {
    // Warnings and errors only: the schema loader is chatty at DEBUG, Logback's default level. The
    // Apache LDAP API also logs at ERROR each value it refuses, which the tools report with file:line.
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("org.apache.directory.api")).setLevel(Level.OFF);
    // After the levels, which the schema loader's messages must meet: every tool reads the
    // configuration, whose schema then loads while picocli sets the command line up.
    SchemaBuilder.prefetchBuiltInSchemas();
    System.exit(commandLine().execute(args));
  }

  /** The command line, ready to execute: its out and err can be replaced, for tests. */
  public static CommandLine commandLine() {
    CommandLine line = new CommandLine(new Top());
    COMMANDS.forEach(line::addSubcommand);
    return line;
  }

  @Command(name = "tools", description = "The mdbldap offline tools: add, cat, index, copy, stat, test.")
  private static final class Top implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "Missing command: add, cat, index, copy, stat or test");
    }
  }
}
