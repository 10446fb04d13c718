package io.mdbldap.ldif.cli;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.conf.ServerConfig;
import io.mdbldap.ldif.StoreConfigs;
import io.mdbldap.ldif.write.Exporter;
import io.mdbldap.ldif.write.LdifWriter;
import io.mdbldap.store.MdbStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.filter.ObjectClassNode;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mdbldap cat}: exports a database as LDIF, as slapcat does, also while a server uses it. */
@Command(name = "cat", separator = " ", sortOptions = false,
    description = {"Writes the entries of a database as LDIF, as slapcat does, operational attributes included.",
        "Safe while a server uses the database: it only reads, and LMDB readers never wait for writers.",
        "The output loads into mdbldap add and into OpenLDAP's slapadd."},
    footer = {"", "Example: mdbldap cat -f conf/slapd.conf -l backup.ldif"})
public final class CatCommand extends ToolCommand {
  @Mixin
  ConfigFile config;

  @Mixin
  DatabaseChoice database;

  @Option(names = "-l", paramLabel = "FILE", description = "The LDIF file to write (default: standard output).")
  Path ldif;

  @Option(names = "-a", paramLabel = "FILTER", description = "Only entries matching this LDAP filter, "
      + "such as (objectClass=inetOrgPerson).")
  String filter;

  @Option(names = "-s", paramLabel = "DN", description = "Only this entry and its subtree.")
  String subtree;

  @Override
  int run() throws Exception {
    ServerConfig conf = config.parse();
    DatabaseConfig db = database.choose(conf);
    SchemaManager schema = conf.schemaManager();
    ExprNode parsedFilter = filter(schema);
    Dn base = base(db, schema);
    long written;
    try (MdbStore store = MdbStore.open(StoreConfigs.of(db), schema)) {
      written = export(store, base, parsedFilter);
    }
    if (out().checkError()) {
      throw new ToolException("cat: cannot write to standard output");
    }
    err().printf("cat: %,d entries written%s%n", written, ldif == null ? "" : " to " + ldif);
    err().flush();
    return OK;
  }

  private ExprNode filter(SchemaManager schema) throws ToolException {
    if (filter == null) {
      return ObjectClassNode.OBJECT_CLASS_NODE;
    }
    try {
      return FilterParser.parse(schema, filter);
    } catch (ParseException e) {
      throw new ToolException("cat: -a " + filter + ": invalid filter: " + e.getMessage());
    }
  }

  private Dn base(DatabaseConfig db, SchemaManager schema) throws ToolException {
    if (subtree == null) {
      return db.suffix();
    }
    try {
      Dn dn = new Dn(schema, subtree);
      if (!dn.isDescendantOf(db.suffix())) {
        throw new ToolException("cat: -s " + subtree + " is not within " + db.suffix().getName());
      }
      return dn;
    } catch (LdapInvalidDnException e) {
      throw new ToolException("cat: -s " + subtree + ": invalid DN: " + e.getMessage());
    }
  }

  /** Writes to the -l file, or to standard output (flushed, not closed: it is not ours). */
  private long export(MdbStore store, Dn base, ExprNode parsedFilter) throws IOException, LdapException {
    if (ldif == null) {
      return Exporter.export(store, base, parsedFilter, new LdifWriter(out()));
    }
    try (Writer file = Files.newBufferedWriter(ldif, StandardCharsets.UTF_8)) {
      return Exporter.export(store, base, parsedFilter, new LdifWriter(file));
    }
  }
}
