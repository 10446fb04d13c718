package io.mdbldap.ldif.cli;

import io.mdbldap.conf.ConfigException;
import io.mdbldap.ldif.read.LdifException;
import io.mdbldap.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.directory.api.ldap.model.exception.LdapException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every tool shares: {@code --help}, output through picocli's (injectable) streams, and the
 * exit codes 0 (done), 1 (failed: the message, without a stack trace, on standard error; config
 * errors as file:line) and 2 (bad usage, picocli's). Failures are handled here, not by the
 * enclosing command line, so the tools behave the same wherever they are registered.
 */
abstract class ToolCommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (ConfigException | LdifException | ToolException e) {
      return fail(e.getMessage());
    } catch (IOException | LdapException | StoreException e) {
      return fail(spec.name() + ": " + e.getMessage());
    }
  }

  /** Does the command's work and returns its exit code. */
  abstract int run() throws Exception;

  private int fail(String message) {
    err().println(message);
    err().flush();
    return FAILED;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
