package io.mdbldap.server.load;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.server.StartupException;
import io.mdbldap.server.access.Databases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.directory.api.ldap.model.constants.AuthenticationLevel;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.ldif.LdifEntry;
import org.apache.directory.api.ldap.model.ldif.LdifReader;
import org.apache.directory.server.core.api.CoreSession;
import org.apache.directory.server.core.api.DirectoryService;
import org.apache.directory.server.core.api.LdapPrincipal;

/**
 * Fills the databases that have no entries yet from an LDIF file, as the server starts
 * ({@code mdbldap serve -l FILE}): for a sample directory or test data, loaded on the first start
 * only. A database whose suffix entry exists is left alone, and the file's entries for it skipped.
 *
 * <p>Entries are added through the directory service, as the database's rootdn would add them
 * over LDAP: schema-checked, with their operational attributes. That is slow for big files: those
 * are for the offline loader ({@code mdbldap add}, slapadd's counterpart).
 */
public final class EmptyDatabaseLoader {
  private final DirectoryService directory;
  private final Databases databases;
  private final List<DatabaseConfig> configs;

  private EmptyDatabaseLoader(DirectoryService directory, List<DatabaseConfig> configs) {
    this.directory = directory;
    this.databases = Databases.of(configs);
    this.configs = configs;
  }

  /** What became of one database. */
  public record Outcome(DatabaseConfig database, boolean wasEmpty, int loaded) {}

  /**
   * Loads {@code ldif} into those of {@code configs} that are empty.
   *
   * @return one outcome per database, in configuration order
   * @throws StartupException if the file cannot be read or parsed, holds change records or entries
   *     outside every database, or an entry is refused (its database then holds the entries before it)
   */
  public static List<Outcome> load(DirectoryService directory, List<DatabaseConfig> configs, Path ldif)
      throws StartupException {
    return new EmptyDatabaseLoader(directory, configs).load(ldif);
  }

  private List<Outcome> load(Path ldif) throws StartupException {
    // Checked at every start, not only the first, so that a wrong path shows at once.
    if (!Files.isRegularFile(ldif) || !Files.isReadable(ldif)) {
      throw new StartupException("cannot read " + ldif + ": no such file, or not readable");
    }
    Map<DatabaseConfig, Integer> loaded = new LinkedHashMap<>();
    for (DatabaseConfig database : configs) {
      if (isEmpty(database)) {
        loaded.put(database, 0);
      }
    }
    if (!loaded.isEmpty()) {
      for (LdifEntry record : read(ldif)) {
        addIfEmpty(ldif, record, loaded);
      }
    }
    List<Outcome> outcomes = new ArrayList<>();
    for (DatabaseConfig database : configs) {
      outcomes.add(new Outcome(database, loaded.containsKey(database), loaded.getOrDefault(database, 0)));
    }
    return outcomes;
  }

  private boolean isEmpty(DatabaseConfig database) throws StartupException {
    try {
      return !directory.getAdminSession().exists(database.suffix());
    } catch (LdapException e) {
      throw new StartupException("cannot tell whether database " + database.suffix() + " is empty", e);
    }
  }

  private List<LdifEntry> read(Path ldif) throws StartupException {
    try (LdifReader reader = new LdifReader(directory.getSchemaManager())) {
      return reader.parseLdifFile(ldif.toString());
    } catch (LdapException | IOException e) {
      throw new StartupException("cannot read " + ldif, e);
    }
  }

  private void addIfEmpty(Path ldif, LdifEntry record, Map<DatabaseConfig, Integer> loaded) throws StartupException {
    if (!record.isEntry()) {
      throw new StartupException(ldif + ": \"" + record.getDn() + "\" is a change record (changetype: "
          + record.getChangeType() + "); only entries can be loaded");
    }
    Entry entry = schemaAware(ldif, record);
    Optional<DatabaseConfig> database = databases.holding(entry.getDn());
    if (database.isEmpty()) {
      throw new StartupException(ldif + ": \"" + entry.getDn() + "\" is not within any database's suffix");
    }
    if (loaded.containsKey(database.get())) {
      add(ldif, database.get(), entry);
      loaded.merge(database.get(), 1, Integer::sum);
    }
  }

  private Entry schemaAware(Path ldif, LdifEntry record) throws StartupException {
    try {
      return new DefaultEntry(directory.getSchemaManager(), record.getEntry());
    } catch (LdapException e) {
      throw new StartupException(ldif + ": invalid entry \"" + record.getDn() + "\"", e);
    }
  }

  private void add(Path ldif, DatabaseConfig database, Entry entry) throws StartupException {
    try {
      sessionOf(database).add(entry);
    } catch (LdapException e) {
      throw new StartupException(ldif + ": cannot add \"" + entry.getDn() + "\" to database " + database.suffix(), e);
    }
  }

  /** The rootdn's session, so that creatorsName names it, as when it adds entries over LDAP. */
  private CoreSession sessionOf(DatabaseConfig database) throws LdapException {
    if (database.rootDn().isEmpty()) {
      return directory.getAdminSession();
    }
    return directory.getSession(new LdapPrincipal(directory.getSchemaManager(), database.rootDn().get(),
        AuthenticationLevel.SIMPLE));
  }
}
