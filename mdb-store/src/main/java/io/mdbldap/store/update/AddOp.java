package io.mdbldap.store.update;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.env.WriteTxn;
import io.mdbldap.store.index.AttributeIndex;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Txn;

/**
 * Adds an entry: the parent must exist (the suffix entry has none), the DN must be new. Writes the
 * dn2id nodes (counting the entry in every ancestor), the encoded entry and its index keys.
 */
public final class AddOp {
  private final Tables t;
  private final DnResolver resolver;

  public AddOp(Tables tables) {
    this.t = tables;
    this.resolver = new DnResolver(tables);
  }

  public long add(Entry given) throws LdapException {
    Entry entry = given.isSchemaAware() ? given : new DefaultEntry(t.schema(), given);
    Dn dn = resolver.normalize(entry.getDn());
    entry.setDn(dn);
    Map<AttributeIndex, Set<ByteBuffer>> keys = t.indices().keys(entry);
    return t.env().write(w -> addIn(w, entry, dn, keys));
  }

  private long addIn(WriteTxn w, Entry entry, Dn dn, Map<AttributeIndex, Set<ByteBuffer>> keys)
      throws LdapException {
    Txn<ByteBuffer> txn = w.txn();
    long parentId = parentOf(txn, dn);
    long id = t.meta().nextId(txn);
    boolean suffix = parentId == Dn2Id.NOID;
    String rdn = suffix ? dn.getName() : dn.getRdn().getName();
    String nrdn = suffix ? dn.getNormName() : dn.getRdn().getNormName();
    if (!t.dn2id().add(txn, parentId, id, rdn, nrdn)) {
      throw new LdapEntryAlreadyExistsException("entry already exists: " + dn.getName());
    }
    t.meta().setNextId(txn, id + 1);
    t.id2entry().add(txn, id, t.codec().encode(w, entry));
    t.indices().add(txn, id, keys);
    return id;
  }

  private long parentOf(Txn<ByteBuffer> txn, Dn dn) throws LdapException {
    if (dn.equals(t.suffix())) {
      return Dn2Id.NOID;
    }
    Dn parent = dn.getParent();
    if (!dn.isDescendantOf(t.suffix())) {
      throw DnResolver.noSuchObject(dn, Dn.EMPTY_DN);
    }
    DnResolver.Resolution r = resolver.resolve(txn, parent);
    if (!r.found()) {
      throw DnResolver.noSuchObject(parent, r.matched());
    }
    return r.id();
  }
}
