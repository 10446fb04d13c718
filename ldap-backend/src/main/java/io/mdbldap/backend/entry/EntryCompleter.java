package io.mdbldap.backend.entry;

import io.mdbldap.store.MdbStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.partition.Partition;

/**
 * Adds {@code entryDN} and {@code entryParentId} to entries read from the store.
 *
 * <p>The parent's {@code entryUUID} costs a read of the parent, so the last few parents are
 * remembered: a search returns siblings together (IDs ascend, and children are added after their
 * parent), so one read usually serves many entries. The memory lives as long as one search, which
 * bounds how stale it can get. Not thread-safe; one per read operation.
 */
public final class EntryCompleter {
  private static final int REMEMBERED_PARENTS = 64;
  /** A parent without an entryUUID (loaded offline, say) gets no entryParentId. */
  private static final String NONE = "";

  private final MdbStore store;
  private final AttributeType entryDn;
  private final AttributeType entryParentId;
  private final AttributeType entryUuid;
  private final Map<Dn, String> parentUuids = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Dn, String> eldest) {
      return size() > REMEMBERED_PARENTS;
    }
  };

  EntryCompleter(MdbStore store, AttributeType entryDn, AttributeType entryParentId, AttributeType entryUuid) {
    this.store = store;
    this.entryDn = entryDn;
    this.entryParentId = entryParentId;
    this.entryUuid = entryUuid;
  }

  /** Adds the derived attributes to {@code stored} (changing it) and returns it. */
  public Entry complete(Entry stored) throws LdapException {
    Dn dn = stored.getDn();
    stored.put(entryDn, dn.getName());
    String parentId = parentIdOf(dn);
    if (!parentId.isEmpty()) {
      stored.put(entryParentId, parentId);
    }
    return stored;
  }

  /** As xdbm does, the context entry's parent is the root, {@link Partition#ROOT_ID}. */
  private String parentIdOf(Dn dn) throws LdapException {
    if (dn.size() <= store.suffix().size()) {
      return Partition.ROOT_ID;
    }
    Dn parent = dn.getParent();
    String known = parentUuids.get(parent);
    if (known == null) {
      known = uuidOf(parent);
      parentUuids.put(parent, known);
    }
    return known;
  }

  private String uuidOf(Dn dn) throws LdapException {
    Entry parent = store.lookup(dn);
    Attribute uuid = parent == null ? null : parent.get(entryUuid);
    return uuid == null ? NONE : uuid.getString();
  }
}
