package io.mdbldap.server.directory;

import java.io.IOException;
import java.util.UUID;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.csn.CsnFactory;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.util.DateUtils;
import org.apache.directory.api.util.TimeProvider;
import org.apache.directory.server.constants.ApacheSchemaConstants;
import org.apache.directory.server.constants.ServerDNConstants;
import org.apache.directory.server.core.api.DnFactory;
import org.apache.directory.server.core.api.interceptor.context.AddOperationContext;
import org.apache.directory.server.core.api.partition.Partition;
import org.apache.directory.server.core.api.partition.PartitionTxn;
import org.apache.directory.server.core.api.schema.SchemaPartition;
import org.apache.directory.server.core.partition.impl.avl.AvlPartition;

/**
 * ApacheDS's {@code ou=schema} partition for a schema that lives in the configuration, as
 * slapd.conf's does.
 *
 * <p>The schema is the configuration's {@code SchemaManager}: ApacheDS's built-in schemas plus the
 * OpenLDAP {@code .schema} files, all in its registries. {@code cn=schema} is generated from those
 * registries, so it shows every definition without {@code ou=schema} holding them as entries.
 * Copying ~1,300 schema entries into {@code ou=schema} would cost over a second at every start
 * and still miss the OpenLDAP files' definitions, which have no ApacheDS LDIF form. So the
 * partition is in memory and holds only the two entries ApacheDS reads:
 * {@code ou=schema} and {@code ou=schemaModifications,ou=schema}, whose timestamps become
 * {@code cn=schema}'s createTimestamp and modifyTimestamp. They are stamped at every start, because
 * the schema may have changed with the configuration, and clients cache it by modifyTimestamp.
 *
 * <p>Consequence: the schema cannot be changed at run time through {@code cn=schema} or
 * {@code ou=schema}; as with slapd.conf, edit the configuration and restart.
 */
final class SchemaPartitions {
  private SchemaPartitions() {}

  /** An initialized schema partition over {@code schemaManager}, ready for {@code setSchemaPartition}. */
  static SchemaPartition inMemory(SchemaManager schemaManager, DnFactory dnFactory) throws LdapException {
    SchemaPartition schema = new SchemaPartition(schemaManager);
    schema.setWrappedPartition(new AvlPartition(schemaManager, dnFactory));
    // Initialized here, not by DirectoryService.startup(), so that the entries exist before anything reads them.
    schema.initialize();
    String now = DateUtils.getGeneralizedTime(TimeProvider.DEFAULT);
    add(schema.getWrappedPartition(), stamped(new DefaultEntry(schemaManager, SchemaConstants.OU_SCHEMA,
        "objectClass: top",
        "objectClass: organizationalUnit",
        "ou: schema"), now));
    add(schema.getWrappedPartition(), stamped(new DefaultEntry(schemaManager, SchemaConstants.SCHEMA_MODIFICATIONS_DN,
        "objectClass: top",
        "objectClass: schemaModificationAttributes",
        "ou: schemaModifications",
        ApacheSchemaConstants.SCHEMA_MODIFIERS_NAME_AT + ": " + ServerDNConstants.ADMIN_SYSTEM_DN,
        ApacheSchemaConstants.SCHEMA_MODIFY_TIMESTAMP_AT + ": " + now), now));
    return schema;
  }

  private static Entry stamped(Entry entry, String now) throws LdapException {
    entry.add(SchemaConstants.CREATORS_NAME_AT, ServerDNConstants.ADMIN_SYSTEM_DN);
    entry.add(SchemaConstants.CREATE_TIMESTAMP_AT, now);
    entry.add(SchemaConstants.ENTRY_UUID_AT, UUID.randomUUID().toString());
    entry.add(SchemaConstants.ENTRY_CSN_AT, new CsnFactory(0).newInstance().toString());
    return entry;
  }

  private static void add(Partition partition, Entry entry) throws LdapException {
    AddOperationContext ctx = new AddOperationContext(null, entry);
    ctx.setPartition(partition);
    try (PartitionTxn txn = partition.beginWriteTransaction()) {
      ctx.setTransaction(txn);
      partition.add(ctx);
      txn.commit();
    } catch (IOException e) {
      throw new LdapException("cannot add " + entry.getDn() + " to ou=schema: " + e.getMessage(), e);
    }
  }
}
