package io.mdbldap.ldif.load;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.LdifException;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * An LDIF import into one database, slapadd's job: entries in any order (a child may come before
 * its parent), read and prepared on one thread while the store writes on another.
 *
 * <p>Every problem (a record that does not parse, breaks the schema, lies outside the suffix, has
 * a DN that exists or a parent that never comes) goes to the problems consumer, located by input
 * line and DN. With {@link Options#continueOnError()} the import goes on past them; without, the
 * first one stops it and everything it stored is taken back, so the database is as it was.
 */
public final class Importer {
  private final Options options;
  private final Consumer<LdifException> problems;
  private final Progress progress;
  private long problemCount;
  private boolean stopping;

  /**
   * How to import.
   *
   * @param quick slapadd's {@code -q}: no object-class or value syntax checks, no flush per commit (one at
   *     the end)
   * @param continueOnError slapadd's {@code -c}: report bad entries and go on
   * @param dryRun slapadd's {@code -u}: read and check, store nothing
   * @param batchSize entries per write transaction
   */
  public record Options(boolean quick, boolean continueOnError, boolean dryRun, int batchSize) {}

  /**
   * What an import did.
   *
   * @param stored entries in the database now that were not before (checked, for a dry run)
   * @param problems entries that were not stored
   * @param undone whether a problem stopped the import and what it had stored was taken back
   */
  public record Result(long stored, long problems, boolean undone) {
    /** Whether every entry of the input was stored. */
    public boolean complete() {
      return problems == 0 && !undone;
    }
  }

  private Importer(Options options, Consumer<LdifException> problems, Progress progress) {
    this.options = options;
    this.problems = problems;
    this.progress = progress;
  }

  /**
   * Imports {@code input} into {@code database}. If the input cannot be read to its end or the
   * store fails, what was stored is taken back first (unless continuing on errors), then the
   * failure is thrown.
   *
   * @throws IOException if the input cannot be read to its end
   * @throws LdapException if the store fails (database full...)
   */
  public static Result run(DatabaseConfig database, SchemaManager schema, EntryReader input, Options options,
      Consumer<LdifException> problems, Progress progress) throws IOException, LdapException {
    return new Importer(options, problems, progress).run(database, schema, input);
  }

  private Result run(DatabaseConfig database, SchemaManager schema, EntryReader input)
      throws IOException, LdapException {
    Dn creator = database.rootDn().orElse(Dn.EMPTY_DN);
    if (options.quick()) {
      input.skipSyntaxChecks();
    }
    EntryPreparer preparer = new EntryPreparer(schema, database.suffix(), creator, !options.quick(), Clock.systemUTC());
    try (LoadTarget target = options.dryRun() ? new DryRun()
        : StoreTarget.open(database, schema, options.quick(), options.batchSize(), input.source(), this::problem);
        EntryProducer producer = EntryProducer.start(input, preparer, target)) {
      return load(target, producer, input.size());
    } finally {
      progress.done();
    }
  }

  private Result load(LoadTarget target, EntryProducer producer, long inputSize) throws IOException, LdapException {
    try {
      consume(target, producer, inputSize);
      if (!stopping) {
        target.finish();
      }
    } catch (IOException | LdapException | RuntimeException e) {
      if (!options.continueOnError()) {
        undo(target, e);
      }
      throw e;
    }
    if (stopping) {
      target.undo();
      return new Result(0, problemCount, true);
    }
    return new Result(target.stored(), problemCount, false);
  }

  private static void undo(LoadTarget target, Exception cause) {
    try {
      target.undo();
    } catch (LdapException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private void consume(LoadTarget target, EntryProducer producer, long inputSize) throws IOException, LdapException {
    long handed = 0;
    while (true) {
      for (Item item : take(producer)) {
        if (item instanceof Item.Ready ready) {
          target.add(ready.line(), ready.prepared());
          progress.update(++handed, producer.bytesRead());
        } else if (item instanceof Item.Problem problem) {
          problem(problem.problem());
        } else if (item instanceof Item.Failed failed) {
          throw asThrown(failed.cause());
        } else {
          return;
        }
        if (stopping) {
          return;
        }
      }
      target.inputAt(producer.bytesTaken(), inputSize);
    }
  }

  private void problem(LdifException problem) {
    problemCount++;
    problems.accept(problem);
    stopping |= !options.continueOnError();
  }

  private static List<Item> take(EntryProducer producer) throws IOException {
    try {
      return producer.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading the input", e);
    }
  }

  private static IOException asThrown(Exception cause) {
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    return cause instanceof IOException io ? io : new IOException(cause);
  }
}
