package io.mdbldap.backend.entry;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.entry.StoredValues;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultAttribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.server.core.api.partition.Partition;

/**
 * Adds {@code entryDN} and {@code entryParentId} to entries read from the store.
 *
 * <p>The parent's {@code entryUUID} costs a read of the parent, so parents are remembered across
 * reads ({@link ParentUuids}); entryDN is built from the already normalized DN, without parsing
 * it again ({@link StoredValues}). Thread-safe.
 */
public final class EntryCompleter {
  private final MdbStore store;
  private final AttributeType entryDn;
  private final AttributeType entryParentId;
  private final AttributeType entryUuid;
  private final ParentUuids parents;
  /** As xdbm does, the context entry's parent is the root, {@link Partition#ROOT_ID}. */
  private final Optional<Value> rootId;
  private final boolean addsEntryDn;
  private final boolean addsParentId;

  EntryCompleter(MdbStore store, AttributeType entryDn, AttributeType entryParentId, AttributeType entryUuid,
      ParentUuids parents) {
    this(store, entryDn, entryParentId, entryUuid, parents, Optional.of(parentIdValue(entryParentId, Partition.ROOT_ID)),
        true, true);
  }

  private EntryCompleter(MdbStore store, AttributeType entryDn, AttributeType entryParentId, AttributeType entryUuid,
      ParentUuids parents, Optional<Value> rootId, boolean addsEntryDn, boolean addsParentId) {
    this.store = store;
    this.entryDn = entryDn;
    this.entryParentId = entryParentId;
    this.entryUuid = entryUuid;
    this.parents = parents;
    this.rootId = rootId;
    this.addsEntryDn = addsEntryDn;
    this.addsParentId = addsParentId;
  }

  /**
   * A completer for search results, which adds only the derived attributes {@code returned}
   * accepts: ApacheDS strips the operational attributes a search did not ask for before it
   * answers (the store tests filters on entryDN itself), and building them costs a DN rendering
   * and a parent lookup per entry.
   */
  public EntryCompleter onlyReturned(Predicate<AttributeType> returned) {
    return new EntryCompleter(store, entryDn, entryParentId, entryUuid, parents, rootId, returned.test(entryDn),
        returned.test(entryParentId));
  }

  /** Built once per remembered parent, so checked and normalized as any value. */
  private static Value parentIdValue(AttributeType entryParentId, String uuid) {
    try {
      return new Value(entryParentId, uuid);
    } catch (LdapException e) {
      throw new IllegalStateException("entryUUID " + uuid + " is not a valid entryParentId", e);
    }
  }

  /** Adds the derived attributes to {@code stored} (changing it) and returns it. */
  public Entry complete(Entry stored) throws LdapException {
    Dn dn = stored.getDn();
    if (addsEntryDn) {
      addEntryDn(stored, dn);
    }
    if (addsParentId) {
      Optional<Value> parentId = parentIdOf(dn);
      if (parentId.isPresent()) {
        stored.put(new DefaultAttribute(entryParentId, parentId.get()));
      }
    }
    return stored;
  }

  private void addEntryDn(Entry stored, Dn dn) throws LdapException {
    if (dn.isSchemaAware()) {
      // The store's DNs are parsed with the schema: their normalized form is entryDN's.
      stored.put(new DefaultAttribute(entryDn, StoredValues.humanReadable(entryDn, dn.getName(), dn.getNormName())));
    } else {
      stored.put(entryDn, dn.getName());
    }
  }

  private Optional<Value> parentIdOf(Dn dn) throws LdapException {
    if (dn.size() <= store.suffix().size()) {
      return rootId;
    }
    Dn parent = dn.getParent();
    Optional<Value> known = parents.get(parent.getNormName());
    if (known == null) {
      long startedIn = parents.generation();
      known = uuidOf(parent);
      parents.put(parent.getNormName(), known, startedIn);
    }
    return known;
  }

  /** The parent's entryUUID as an entryParentId value; none for a parent without one (loaded offline, say). */
  private Optional<Value> uuidOf(Dn dn) throws LdapException {
    Entry parent = store.lookup(dn);
    Attribute uuid = parent == null ? null : parent.get(entryUuid);
    if (uuid == null) {
      return Optional.empty();
    }
    return Optional.of(parentIdValue(entryParentId, uuid.getString()));
  }
}
