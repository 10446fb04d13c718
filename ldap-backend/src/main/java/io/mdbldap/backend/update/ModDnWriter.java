package io.mdbldap.backend.update;

import io.mdbldap.backend.entry.ComputedAttributes;
import io.mdbldap.store.MdbStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.AttributeType;

/**
 * Rename, move and moveAndRename in one store transaction: the store re-keys the entry (O(depth),
 * descendants untouched) and, in the same transaction, brings it to the state ApacheDS computed
 * for it (its {@code modifiedEntry}: new {@code entryCSN}, {@code modifiersName}, {@code
 * modifyTimestamp}, SINGLE-VALUE replacements). So a rename happens whole or not at all.
 */
public final class ModDnWriter {
  private final MdbStore store;
  private final ComputedAttributes computed;

  public ModDnWriter(MdbStore store, ComputedAttributes computed) {
    this.store = store;
    this.computed = computed;
  }

  /**
   * Renames {@code dn} to {@code newRdn} under its parent. {@code modifiedEntry} (may be null)
   * gets the RDN rules applied in place, as ApacheDS reads it afterwards as the renamed entry.
   *
   * @return the entry as stored now
   */
  public Entry rename(Dn dn, Rdn newRdn, boolean deleteOldRdn, Entry modifiedEntry) throws LdapException {
    if (modifiedEntry != null) {
      RdnRules.apply(modifiedEntry, dn.getRdn(), newRdn, deleteOldRdn);
    }
    return moveAndRename(dn, null, newRdn, deleteOldRdn, modifiedEntry);
  }

  /**
   * Moves and/or renames {@code dn} and makes the stored entry equal {@code wanted} (if not null),
   * in one transaction.
   *
   * @param newSuperior the new parent, or null to stay
   * @param newRdn the new RDN, or null to keep it
   * @return the entry as stored now
   */
  public Entry moveAndRename(Dn dn, Dn newSuperior, Rdn newRdn, boolean deleteOldRdn, Entry wanted)
      throws LdapException {
    Entry current = wanted == null ? null : store.lookup(dn);
    List<Modification> mods = current == null ? List.of() : toWanted(current, dn, newRdn, deleteOldRdn, wanted);
    return store.moveAndRename(dn, newSuperior, newRdn, deleteOldRdn, mods);
  }

  /**
   * The modifications that turn the renamed entry into {@code wanted}: the difference from the
   * current entry with the RDN rules applied, and the RDN attributes set outright, so the result
   * holds even where the store's own RDN handling differs from ApacheDS's (SINGLE-VALUE types).
   */
  private List<Modification> toWanted(Entry current, Dn dn, Rdn newRdn, boolean deleteOldRdn, Entry wanted)
      throws LdapException {
    Rdn rdn = newRdn == null ? dn.getRdn() : newRdn;
    Entry renamed = current.clone();
    RdnRules.apply(renamed, dn.getRdn(), rdn, deleteOldRdn);
    Entry target = wanted.clone();
    computed.strip(target);
    List<Modification> mods = new ArrayList<>(EntryDiff.between(renamed, target));
    Set<AttributeType> rdnTypes = new HashSet<>();
    dn.getRdn().forEach(ava -> rdnTypes.add(ava.getAttributeType()));
    rdn.forEach(ava -> rdnTypes.add(ava.getAttributeType()));
    for (AttributeType type : rdnTypes) {
      Attribute values = target.get(type);
      mods.add(values == null
          ? new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, type)
          : new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE, values));
    }
    return mods;
  }
}
