package io.mdbldap.store.update;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import java.nio.ByteBuffer;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapContextNotEmptyException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.lmdbjava.Txn;

/** Deletes a leaf entry: its dn2id nodes, its record and every index key it had. */
public final class DeleteOp {
  private final Tables t;
  private final DnResolver resolver;

  public DeleteOp(Tables tables) {
    this.t = tables;
    this.resolver = new DnResolver(tables);
  }

  public Entry delete(Dn given) throws LdapException {
    Dn dn = resolver.normalize(given);
    return t.env().write(w -> {
      Txn<ByteBuffer> txn = w.txn();
      long id = resolver.require(txn, dn);
      if (t.dn2id().childCount(txn, id) > 0) {
        throw new LdapContextNotEmptyException("cannot delete " + dn.getName() + ": it has children");
      }
      byte[] bytes = t.id2entry().get(txn, id);
      Entry old = t.codec().decode(bytes, dn);
      t.indices().remove(txn, id, t.indices().keys(t.codec().view(bytes), t.ad2i()));
      t.dn2id().delete(txn, id);
      t.id2entry().delete(txn, id);
      return old;
    });
  }
}
