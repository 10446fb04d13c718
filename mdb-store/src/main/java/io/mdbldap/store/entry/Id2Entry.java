package io.mdbldap.store.entry;

import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.Scratch;
import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The {@code id2entry} sub-database: entry ID (u64 big-endian) to the entry encoded by
 * {@link EntryCodec}. The DN is not stored: it is rebuilt from dn2id.
 */
public final class Id2Entry {
  private final Dbi<ByteBuffer> db;

  public Id2Entry(MdbEnv env) {
    this.db = env.openDbi("id2entry");
  }

  /** The encoded entry, copied out of the map, or null if there is no entry {@code id}. */
  public byte[] get(Txn<ByteBuffer> txn, long id) {
    ByteBuffer v = db.get(txn, Scratch.mine().id(id));
    return v == null ? null : Bytes.toArray(v);
  }

  /** Stores a new entry; IDs only grow, so it is an append to the B-tree. */
  public void add(Txn<ByteBuffer> txn, long id, byte[] encoded) {
    Scratch scratch = Scratch.mine();
    db.put(txn, scratch.id(id), scratch.value(encoded), PutFlags.MDB_APPEND);
  }

  /** Replaces an existing entry. */
  public void replace(Txn<ByteBuffer> txn, long id, byte[] encoded) {
    Scratch scratch = Scratch.mine();
    db.put(txn, scratch.id(id), scratch.value(encoded));
  }

  public void delete(Txn<ByteBuffer> txn, long id) {
    db.delete(txn, Bytes.idKey(id));
  }

  public Dbi<ByteBuffer> dbi() {
    return db;
  }
}
