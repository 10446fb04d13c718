package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.load.Importer;
import io.mdbldap.ldif.load.Progress;
import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.LdifException;
import io.mdbldap.store.env.MdbEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mdbldap add}: loads LDIF straight into a database, as slapadd does; no server needed. */
@Command(name = "add", separator = " ", sortOptions = false,
    description = {"Loads entries from LDIF into a database, as slapadd does, without a server.",
        "Entries may come in any order (children before parents). Operational attributes in the input "
            + "(entryUUID, entryCSN, createTimestamp... as slapcat writes them) are kept; missing ones are generated.",
        "Without -c, the first bad entry stops the load and the database is left as it was before.",
        "Do not run it on a database a server is writing to."},
    footer = {"", "Exit status: 0 all entries loaded, 1 some entries not loaded or a failure, 2 bad usage.",
        "", "Example: mdbldap add -f conf/slapd.conf -l conf/example.ldif -q"})
public final class AddCommand extends ToolCommand {
  static final int QUICK_BATCH = 500;
  static final int DURABLE_BATCH = 1_000;

  @Mixin
  ConfigFile config;

  @Mixin
  DatabaseChoice database;

  @Option(names = "-l", paramLabel = "FILE", description = "The LDIF file to read (default: standard input).")
  Path ldif;

  @Option(names = "-q", description = "Quick: skip the object-class checks and the value syntax checks (values "
      + "are still normalized; slapadd checks syntax only with -o value-check=yes) and flush to disk once at the end instead of at every commit; into a new database, write the index keys in "
      + "a few large rounds instead of with every commit. As with slapadd -q, a quick import that is killed, or "
      + "a system crash or power loss during it, can leave a damaged database: import again.")
  boolean quick;

  @Option(names = "-c", description = "Continue past bad entries, reporting each one, and keep the good ones.")
  boolean continueOnError;

  @Option(names = "-u", description = "Dry run: read and check the entries, store nothing. Duplicate DNs and "
      + "missing parents need the database and are not detected.")
  boolean dryRun;

  @Option(names = "--batch-size", paramLabel = "N",
      description = "Entries per write transaction (default: " + QUICK_BATCH + " with -q, else " + DURABLE_BATCH + ").")
  Integer batchSize;

  @Override
  int run() throws Exception {
    if (!dryRun) {
      // Overlaps reading the configuration and its schema, which the store's opening would follow.
      MdbEnv.loadLibraryInBackground();
    }
    ServerConfig conf = config.parse();
    DatabaseConfig db = database.choose(conf);
    long start = System.nanoTime();
    Importer.Result result;
    try (EntryReader input = open(conf.schemaManager())) {
      result = Importer.run(db, conf.schemaManager(), input, options(), this::report, progress(input));
    }
    summarize(db, result, System.nanoTime() - start);
    return result.complete() ? OK : FAILED;
  }

  private EntryReader open(SchemaManager schema) throws ToolException, IOException {
    if (ldif == null) {
      return EntryReader.of(System.in, "<stdin>", schema);
    }
    if (!Files.isReadable(ldif) || Files.isDirectory(ldif)) {
      throw new ToolException("add: cannot read " + ldif + ": no such file, or not readable");
    }
    return EntryReader.open(ldif, schema);
  }

  private Importer.Options options() throws ToolException {
    int batch = batchSize != null ? batchSize : quick ? QUICK_BATCH : DURABLE_BATCH;
    if (batch < 1) {
      throw new ToolException("add: --batch-size must be at least 1");
    }
    return new Importer.Options(quick, continueOnError, dryRun, batch);
  }

  /** A progress line when a person is watching, with an ETA when the input's size is known. */
  private Progress progress(EntryReader input) {
    if (System.console() == null) {
      return Progress.none();
    }
    return Progress.to(err(), input.size());
  }

  private void report(LdifException problem) {
    err().println(problem.getMessage());
    err().flush();
  }

  private void summarize(DatabaseConfig db, Importer.Result result, long nanos) {
    double seconds = nanos / 1e9;
    String suffix = db.suffix().getName();
    if (dryRun) {
      err().printf("add: dry run: %s; nothing was stored%n", result.undone()
          ? "stopped at the first bad entry (with -c every entry is checked)"
          : String.format("%,d entries checked, %,d with problems", result.stored(), result.problems()));
    } else if (result.undone()) {
      err().println("add: stopped at the first bad entry; nothing was added, " + suffix
          + " is as it was (with -c the other entries are loaded)");
    } else {
      err().printf("add: %,d entries added to %s in %.1f s (%,.0f entries/s)%s%n", result.stored(), suffix,
          seconds, result.stored() / Math.max(seconds, 1e-3),
          result.problems() == 0 ? "" : String.format("; %,d rejected (see above)", result.problems()));
    }
    err().flush();
  }
}
