package io.mdbldap.backend;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.StoreConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.directory.api.ldap.model.csn.CsnFactory;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.apache.directory.server.core.api.entry.ClonedServerEntry;
import org.apache.directory.server.core.api.interceptor.context.AddOperationContext;
import org.apache.directory.server.core.api.interceptor.context.DeleteOperationContext;
import org.apache.directory.server.core.api.interceptor.context.LookupOperationContext;
import org.apache.directory.server.core.api.interceptor.context.ModifyOperationContext;
import org.apache.directory.server.core.api.interceptor.context.MoveOperationContext;
import org.apache.directory.server.core.api.interceptor.context.RenameOperationContext;
import org.apache.directory.server.core.api.interceptor.context.SearchOperationContext;

/**
 * An {@link MdbPartition} for {@code dc=example,dc=com} on real LMDB files, driven the way
 * ApacheDS's operation manager drives it (contexts without a session, a write transaction per
 * update), with the operational attributes its interceptors would have added.
 */
final class PartitionFixture implements AutoCloseable {
  static final String SUFFIX = "dc=example,dc=com";
  private static SchemaManager schema;

  private final Path directory;
  private final UnaryOperator<StoreConfig.Builder> tuning;
  private final CsnFactory csns = new CsnFactory(1);
  private MdbPartition partition;

  private PartitionFixture(Path directory, UnaryOperator<StoreConfig.Builder> tuning) throws Exception {
    this.directory = directory;
    this.tuning = tuning;
    open();
  }

  /** A partition with objectClass indexed, as the factory does. */
  static PartitionFixture open(Path directory) throws Exception {
    return open(directory, b -> b.indices(IndexConfig.builder().add("objectClass", "eq").build()));
  }

  static PartitionFixture open(Path directory, UnaryOperator<StoreConfig.Builder> tuning) throws Exception {
    return new PartitionFixture(directory, tuning);
  }

  static synchronized SchemaManager schema() throws Exception {
    if (schema == null) {
      schema = new DefaultSchemaManager();
    }
    return schema;
  }

  MdbPartition partition() {
    return partition;
  }

  /** Stops and starts the same partition again, as a DirectoryService restart does. */
  void restart() throws Exception {
    partition.destroy(partition.beginReadTransaction());
    partition.initialize();
  }

  private void open() throws Exception {
    StoreConfig config = tuning.apply(StoreConfig.builder(directory, SUFFIX).durable(false)).build();
    partition = new MdbPartition(schema(), null, config);
    partition.setId("example");
    partition.initialize();
  }

  @Override
  public void close() throws Exception {
    partition.destroy(partition.beginReadTransaction());
  }

  static Dn dn(String dn) throws Exception {
    return new Dn(schema(), dn);
  }

  /** Adds an entry given as LDIF lines (the first is "dn: ..."), with entryUUID and entryCSN. */
  Entry add(String... ldif) throws Exception {
    Entry entry = new DefaultEntry(schema(), ldif[0].substring(4), (Object[]) Arrays.copyOfRange(ldif, 1, ldif.length));
    entry.add("entryUUID", UUID.randomUUID().toString());
    entry.add("entryCSN", csns.newInstance().toString());
    AddOperationContext ctx = new AddOperationContext(null, new ClonedServerEntry(entry));
    ctx.setTransaction(partition.beginWriteTransaction());
    partition.add(ctx);
    return entry;
  }

  /** The context entry and an organizational unit below it. */
  void addBaseEntries() throws Exception {
    add("dn: " + SUFFIX, "objectClass: domain", "dc: example");
    add("dn: ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people");
  }

  Entry lookup(String dn) throws Exception {
    LookupOperationContext ctx = new LookupOperationContext(null, dn(dn));
    ctx.setTransaction(partition.beginReadTransaction());
    return partition.lookup(ctx);
  }

  Entry delete(String dn) throws Exception {
    DeleteOperationContext ctx = new DeleteOperationContext(null, dn(dn));
    ctx.setEntry(lookup(dn));
    ctx.setTransaction(partition.beginWriteTransaction());
    return partition.delete(ctx);
  }

  /** Modifies {@code dn}; returns the altered entry the partition hands back. */
  Entry modify(String dn, Modification... mods) throws Exception {
    ModifyOperationContext ctx = new ModifyOperationContext(null, dn(dn), List.of(mods));
    ctx.setEntry(lookup(dn));
    ctx.setTransaction(partition.beginWriteTransaction());
    partition.modify(ctx);
    return ctx.getAlteredEntry();
  }

  void rename(String dn, String newRdn, boolean deleteOldRdn) throws Exception {
    RenameOperationContext ctx = new RenameOperationContext(null, dn(dn), new Rdn(schema(), newRdn), deleteOldRdn);
    Entry original = lookup(dn);
    ctx.setEntry(original);
    ctx.setModifiedEntry(((ClonedServerEntry) original).getOriginalEntry().clone());
    ctx.setTransaction(partition.beginWriteTransaction());
    partition.rename(ctx);
  }

  /** Moves {@code dn} below {@code superior}, stamping modifiersName as ApacheDS would. */
  void move(String dn, String superior) throws Exception {
    MoveOperationContext ctx = new MoveOperationContext(null, dn(dn), dn(superior));
    Entry modified = ((ClonedServerEntry) lookup(dn)).getOriginalEntry().clone();
    modified.put("modifiersName", "uid=mover,ou=system");
    ctx.setModifiedEntry(modified);
    ctx.setTransaction(partition.beginWriteTransaction());
    partition.move(ctx);
  }

  /** A search as ApacheDS's nexus starts it; the caller iterates and closes the cursor. */
  Cursor<Entry> search(String base, SearchScope scope, String filter, AliasDerefMode deref) throws Exception {
    SearchOperationContext ctx = new SearchOperationContext(null, dn(base), scope,
        FilterParser.parse(schema(), filter));
    ctx.setAliasDerefMode(deref);
    ctx.setTransaction(partition.beginReadTransaction());
    return partition.search(ctx);
  }

  /** The entry a base-scope search of {@code dn} returns, with the attributes {@code asking} asks for. */
  Entry searchBase(String dn, Consumer<SearchOperationContext> asking) throws Exception {
    SearchOperationContext ctx = new SearchOperationContext(null, dn(dn), SearchScope.OBJECT,
        FilterParser.parse(schema(), "(objectClass=*)"));
    asking.accept(ctx);
    ctx.setTransaction(partition.beginReadTransaction());
    try (Cursor<Entry> cursor = partition.search(ctx)) {
      cursor.beforeFirst();
      return cursor.next() ? cursor.get() : null;
    }
  }

  /** The DNs a search returns, in order. */
  List<String> dns(String base, SearchScope scope, String filter, AliasDerefMode deref) throws Exception {
    List<String> dns = new ArrayList<>();
    try (Cursor<Entry> cursor = search(base, scope, filter, deref)) {
      cursor.beforeFirst();
      while (cursor.next()) {
        dns.add(cursor.get().getDn().getName());
      }
    }
    return dns;
  }

  List<String> dns(String base, SearchScope scope, String filter) throws Exception {
    return dns(base, scope, filter, AliasDerefMode.NEVER_DEREF_ALIASES);
  }
}
