package io.mdbldap.backend.entry;

import io.mdbldap.store.MdbStore;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.server.constants.ApacheSchemaConstants;

/**
 * The operational attributes the partition derives on the way out instead of storing:
 * {@code entryDN} and {@code entryParentId} (the parent's {@code entryUUID}), which ApacheDS
 * expects on every entry a partition returns.
 *
 * <p>They are not stored because both change when an ancestor moves, and because the offline
 * tools write the same LMDB files without knowing about ApacheDS.
 *
 * <p>Thread-safe: it holds only schema references; per-search state lives in the {@link
 * EntryCompleter}s it makes.
 */
public final class ComputedAttributes {
  private final MdbStore store;
  private final AttributeType entryDn;
  private final AttributeType entryParentId;
  private final AttributeType entryUuid;

  public ComputedAttributes(MdbStore store, SchemaManager schemaManager) {
    this.store = store;
    this.entryDn = schemaManager.getAttributeType(SchemaConstants.ENTRY_DN_AT);
    this.entryParentId = schemaManager.getAttributeType(ApacheSchemaConstants.ENTRY_PARENT_ID_AT);
    this.entryUuid = schemaManager.getAttributeType(SchemaConstants.ENTRY_UUID_AT);
  }

  /** Removes the derived attributes from an entry on its way into the store. */
  public void strip(Entry entry) {
    entry.removeAttributes(entryDn, entryParentId);
  }

  /** A completer for one read operation; it remembers the parents it has looked up. */
  public EntryCompleter newCompleter() {
    return new EntryCompleter(store, entryDn, entryParentId, entryUuid);
  }
}
