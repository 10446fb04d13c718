package io.mdbldap.store.update;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Modification;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapUnwillingToPerformException;
import org.apache.directory.api.ldap.model.name.Ava;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.lmdbjava.Txn;

/**
 * Renames and/or moves an entry with its subtree: only the entry's own dn2id nodes change (and the
 * subtree counts of the old and new ancestors), so the cost is O(depth) whatever the subtree size.
 * The new RDN's values join the entry; with deleteOldRdn the old RDN's values leave it.
 */
public final class ModRdnOp {
  private final Tables t;
  private final DnResolver resolver;

  public ModRdnOp(Tables tables) {
    this.t = tables;
    this.resolver = new DnResolver(tables);
  }

  /**
   * Renames and/or moves, then applies {@code modifications} to the renamed entry, all in one
   * transaction (ApacheDS adds modifiersName, modifyTimestamp and entryCSN to a rename).
   */
  public Entry moveAndRename(Dn given, Dn givenSuperior, Rdn givenRdn, boolean deleteOldRdn,
      List<Modification> modifications) throws LdapException {
    Dn dn = resolver.normalize(given);
    if (dn.equals(t.suffix())) {
      throw new LdapUnwillingToPerformException("cannot rename or move the suffix entry " + dn.getName());
    }
    Dn superior = givenSuperior == null ? dn.getParent() : resolver.normalize(givenSuperior);
    Rdn rdn = givenRdn == null ? dn.getRdn() : new Rdn(t.schema(), givenRdn.getName());
    Dn newDn = superior.add(rdn);
    return t.env().write(w -> {
      Txn<ByteBuffer> txn = w.txn();
      long id = resolver.require(txn, dn);
      long parentId = newParent(txn, superior, id, dn);
      byte[] bytes = t.id2entry().get(txn, id);
      Entry before = t.codec().decode(bytes, dn);
      Entry after = renamed(before, dn.getRdn(), rdn, deleteOldRdn, newDn);
      for (Modification mod : modifications) {
        ModifyOp.apply(after, mod);
      }
      if (!t.dn2id().move(txn, id, parentId, rdn.getName(), rdn.getNormName())) {
        throw new LdapEntryAlreadyExistsException("cannot rename " + dn.getName() + ": "
            + newDn.getName() + " already exists");
      }
      t.id2entry().replace(txn, id, t.codec().encode(w, after));
      t.indices().update(txn, id, t.indices().keys(before), t.indices().keys(after));
      return after;
    });
  }

  private long newParent(Txn<ByteBuffer> txn, Dn superior, long id, Dn dn) throws LdapException {
    DnResolver.Resolution r = resolver.resolve(txn, superior);
    if (!r.found()) {
      // No matchedDN, as back-mdb: a matchedDN speaks of the request's entry, and that exists.
      throw DnResolver.noSuchObject(superior, Dn.EMPTY_DN);
    }
    if (t.dn2id().isSelfOrDescendant(txn, r.id(), id)) {
      throw new LdapUnwillingToPerformException("cannot move " + dn.getName() + " below itself ("
          + superior.getName() + ")");
    }
    return r.id();
  }

  private static Entry renamed(Entry before, Rdn oldRdn, Rdn newRdn, boolean deleteOldRdn, Dn newDn)
      throws LdapException {
    Entry after = before.clone();
    after.setDn(newDn);
    if (deleteOldRdn) {
      for (Ava ava : oldRdn) {
        if (!contains(newRdn, ava)) {
          Attribute a = after.get(ava.getAttributeType());
          if (a != null) {
            a.remove(ava.getValue());
            if (a.size() == 0) {
              after.removeAttributes(ava.getAttributeType());
            }
          }
        }
      }
    }
    for (Ava ava : newRdn) {
      Attribute a = after.get(ava.getAttributeType());
      if (a == null || !a.contains(ava.getValue())) {
        after.add(ava.getAttributeType(), ava.getValue().getString());
      }
    }
    return after;
  }

  private static boolean contains(Rdn rdn, Ava ava) {
    for (Ava a : rdn) {
      if (a.equals(ava)) {
        return true;
      }
    }
    return false;
  }
}
