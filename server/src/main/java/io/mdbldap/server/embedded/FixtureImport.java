package io.mdbldap.server.embedded;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.ldif.load.Importer;
import io.mdbldap.ldif.load.Progress;
import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.LdifException;
import io.mdbldap.server.StartupException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;

/**
 * Loads the fixture LDIF files into the database before the server opens it, as {@code mdbldap
 * add} (slapadd) does: schema-checked, with the operational attributes an add over LDAP would
 * give, but in big transactions rather than one per entry, so a 1,000-entry fixture takes tens of
 * milliseconds rather than seconds.
 */
final class FixtureImport {
  /** Entries per write transaction: a test fixture usually fits in one. */
  private static final int BATCH = 10_000;
  /** How many problems the error message quotes. */
  private static final int QUOTED = 5;

  private FixtureImport() {}

  /**
   * Imports {@code sources} in order into {@code database}.
   *
   * @return the number of entries stored
   * @throws StartupException naming the file, line and DN of the first problems; nothing of that
   *     file is stored then
   */
  static long load(DatabaseConfig database, SchemaManager schema, List<FileSource> sources) throws StartupException {
    long stored = 0;
    for (FileSource source : sources) {
      stored += load(database, schema, source);
    }
    return stored;
  }

  private static long load(DatabaseConfig database, SchemaManager schema, FileSource source) throws StartupException {
    List<LdifException> problems = new ArrayList<>();
    Importer.Result result;
    try (EntryReader input = EntryReader.of(source.open(), source.name(), schema)) {
      result = Importer.run(database, schema, input, new Importer.Options(false, false, false, BATCH),
          problems::add, Progress.none());
    } catch (IOException | LdapException e) {
      throw new StartupException("cannot load the fixture " + source.name() + " into " + database.suffix(), e);
    }
    if (!result.complete()) {
      throw new StartupException("cannot load the fixture " + source.name() + " into " + database.suffix() + ": "
          + describe(problems));
    }
    return result.stored();
  }

  private static String describe(List<LdifException> problems) {
    List<String> quoted = problems.stream().limit(QUOTED).map(LdifException::getMessage).toList();
    String more = problems.size() > QUOTED ? "; and " + (problems.size() - QUOTED) + " more" : "";
    return String.join("; ", quoted) + more;
  }
}
