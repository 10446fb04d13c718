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
 * <p>Thread-safe: the parents' entryUUIDs it remembers ({@link ParentUuids}) are shared by all
 * reads and forgotten at every update that may change them ({@link #updated()}).
 */
public final class ComputedAttributes {
  private final MdbStore store;
  private final AttributeType entryDn;
  private final AttributeType entryParentId;
  private final AttributeType entryUuid;
  private final ParentUuids parents = new ParentUuids();
  private final EntryCompleter completer;

  public ComputedAttributes(MdbStore store, SchemaManager schemaManager) {
    this.store = store;
    this.entryDn = schemaManager.getAttributeType(SchemaConstants.ENTRY_DN_AT);
    this.entryParentId = schemaManager.getAttributeType(ApacheSchemaConstants.ENTRY_PARENT_ID_AT);
    this.entryUuid = schemaManager.getAttributeType(SchemaConstants.ENTRY_UUID_AT);
    this.completer = new EntryCompleter(store, entryDn, entryParentId, entryUuid, parents);
  }

  /** Removes the derived attributes from an entry on its way into the store. */
  public void strip(Entry entry) {
    entry.removeAttributes(entryDn, entryParentId);
  }

  /** The completer of every read; it shares the parents remembered so far. */
  public EntryCompleter completer() {
    return completer;
  }

  /**
   * To be called after every committed update: a delete, modify or rename may change which
   * entryUUID a DN names.
   */
  public void updated() {
    parents.invalidate();
  }
}
