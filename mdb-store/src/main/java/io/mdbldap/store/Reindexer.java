package io.mdbldap.store;

import io.mdbldap.store.core.Tables;
import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.index.AttributeIndex;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.Txn;

/**
 * Rebuilds indices from id2entry (slapindex): empties them, then reads the entries in ID order,
 * {@value #BATCH} per write transaction, writing each batch's keys sorted.
 */
final class Reindexer {
  private static final int BATCH = 10_000;

  private final Tables t;

  Reindexer(Tables tables) {
    this.t = tables;
  }

  /** Rebuilds the named indices (all if none), and returns the index configuration now stored. */
  String rebuild(Collection<String> attributes, String stored) throws LdapException {
    List<AttributeIndex> selected = select(attributes);
    t.env().write(w -> {
      selected.forEach(index -> index.clear(w.txn()));
      return null;
    });
    for (long after = 0; after >= 0; ) {
      long from = after;
      after = t.env().write(w -> rebuildBatch(w.txn(), selected, from));
    }
    Set<String> oids = new HashSet<>();
    selected.forEach(index -> oids.add(index.type().getOid()));
    String now = t.indices().canonicalAfterRebuilding(stored, oids);
    t.env().write(w -> {
      t.meta().setIndexConfig(w.txn(), now);
      return null;
    });
    selected.forEach(AttributeIndex::markRebuilt);
    return now;
  }

  private List<AttributeIndex> select(Collection<String> attributes) {
    List<AttributeIndex> selected = new ArrayList<>();
    if (attributes.isEmpty()) {
      t.indices().all().forEach(selected::add);
      return selected;
    }
    for (String name : attributes) {
      AttributeType type = t.schema().getAttributeType(name);
      AttributeIndex index = type == null ? null : t.indices().of(type);
      if (index == null) {
        throw new StoreException("index " + name + ": no index is configured for this attribute");
      }
      selected.add(index);
    }
    return selected;
  }

  /** Indexes the entries after ID {@code after}; returns the last ID done, or -1 at the end. */
  private long rebuildBatch(Txn<ByteBuffer> txn, List<AttributeIndex> selected, long after) throws LdapException {
    List<Map.Entry<Long, Map<AttributeIndex, Set<ByteBuffer>>>> keys = new ArrayList<>();
    long last = -1;
    try (Cursor<ByteBuffer> c = t.id2entry().dbi().openCursor(txn)) {
      for (boolean ok = c.get(Bytes.idKey(after + 1), GetOp.MDB_SET_RANGE); ok && keys.size() < BATCH; ok = c.next()) {
        last = c.key().getLong(0);
        Map<AttributeIndex, Set<ByteBuffer>> all = t.indices().keys(t.codec().view(Bytes.toArray(c.val())), t.ad2i());
        all.keySet().retainAll(selected);
        keys.add(new AbstractMap.SimpleEntry<>(last, all));
      }
    }
    t.indices().addSorted(txn, keys);
    return keys.size() < BATCH ? -1 : last;
  }
}
