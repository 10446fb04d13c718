package io.mdbldap.store.index;

import io.mdbldap.store.IndexKind;
import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.Scratch;
import io.mdbldap.store.search.ObjectClasses;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.MatchingRule;
import org.apache.directory.api.ldap.model.schema.ObjectClass;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.model.constants.SchemaConstants;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * One attribute's index: a DUPSORT + DUPFIXED sub-database named {@code index.<attribute>}, from
 * {@link IndexKeys} keys to 8-byte big-endian entry IDs, read a page at a time with
 * {@code MDB_GET_MULTIPLE}. Values of subtypes are indexed here too, as in back-mdb, so a filter
 * on {@code name} can use the {@code name} index for {@code cn} values.
 */
public final class AttributeIndex {
  /** Bounds {@link #classKeys}: a schema has a few hundred classes, a value naming none is not kept past this. */
  private static final int MAX_CLASSES = 1_000;
  private final AttributeType type;
  private final Set<IndexKind> kinds;
  private volatile Set<IndexKind> searchable;
  private final SchemaManager schema;
  private final Dbi<ByteBuffer> db;
  /**
   * The equality keys of each objectClass value seen, superclasses included: every entry repeats a
   * few classes, and walking the class tree for each is a tenth of preparing an entry for a bulk
   * load. The schema does not change while a store is open.
   */
  private final Map<String, byte[][]> classKeys = new ConcurrentHashMap<>();

  AttributeIndex(MdbEnv env, SchemaManager schema, AttributeType type, Set<IndexKind> kinds,
      Set<IndexKind> searchable) {
    this.type = type;
    this.kinds = kinds;
    this.searchable = searchable;
    this.schema = schema;
    this.db = env.openDbi("index." + type.getName(), DbiFlags.MDB_DUPSORT, DbiFlags.MDB_DUPFIXED);
  }

  public AttributeType type() {
    return type;
  }

  /** Kinds kept up to date by writes. */
  public Set<IndexKind> kinds() {
    return kinds;
  }

  /**
   * Whether searches may trust this kind: it is configured and the stored configuration says the
   * index was built with it (after a configuration change, until reindexed, it may be partial).
   */
  public boolean searchable(IndexKind kind) {
    return searchable.contains(kind);
  }

  /** Empties the index, before a rebuild. */
  public void clear(Txn<ByteBuffer> txn) {
    db.drop(txn, false);
  }

  /** After a rebuild, every configured kind can be searched. */
  public void markRebuilt() {
    searchable = kinds;
  }

  /** Whether '=' keys are kept (they serve both equality and ordering). */
  public boolean keepsEquality() {
    return kinds.contains(IndexKind.EQUALITY) || kinds.contains(IndexKind.ORDERING);
  }

  /**
   * Adds the keys of one value to {@code out}, for every kind this index keeps except presence.
   *
   * @param valueType the type of the value's attribute: this index's type or a subtype
   * @param user the user value as a string (null for binary values)
   * @param binary the value's bytes (for binary values)
   * @param normalized the equality-normalized value (null for binary values)
   */
  public void valueKeys(AttributeType valueType, String user, byte[] binary, String normalized, KeySink out)
      throws LdapException {
    if (normalized == null) {
      if (keepsEquality()) {
        out.add(IndexKeys.equality(binary));
      }
      return;
    }
    if (keepsEquality()) {
      equalityKeys(valueType, normalized, out);
    }
    if (kinds.contains(IndexKind.SUBINITIAL) || kinds.contains(IndexKind.SUBANY) || kinds.contains(IndexKind.SUBFINAL)) {
      IndexKeys.substrings(substringForm(valueType, user, normalized), kinds.contains(IndexKind.SUBINITIAL),
          kinds.contains(IndexKind.SUBANY), kinds.contains(IndexKind.SUBFINAL), out);
    }
    if (kinds.contains(IndexKind.APPROX)) {
      IndexKeys.approx(normalized).forEach(out::add);
    }
  }

  private void equalityKeys(AttributeType valueType, String normalized, KeySink out) {
    if (!SchemaConstants.OBJECT_CLASS_AT_OID.equals(type.getOid())) {
      IndexKeys.equality(valueType, normalized, out);
      return;
    }
    byte[][] keys = classKeys.get(normalized);
    if (keys == null) {
      List<byte[]> all = new ArrayList<>();
      classKeys(valueType, normalized, all);
      keys = all.toArray(new byte[0][]);
      if (classKeys.size() < MAX_CLASSES) {
        classKeys.put(normalized, keys);
      }
    }
    for (byte[] key : keys) {
      out.add(key);
    }
  }

  /** objectClass values are indexed with every superclass, so (objectClass=top) finds all. */
  private void classKeys(AttributeType valueType, String normalized, List<byte[]> out) {
    out.add(IndexKeys.equality(valueType, normalized));
    ObjectClass oc = ObjectClasses.find(schema.getObjectClassRegistry(), normalized);
    if (oc == null) {
      return;
    }
    for (ObjectClass sup : oc.getSuperiors()) {
      classKeys(valueType, sup.getOid(), out);
    }
  }

  /**
   * The value as the substring rule normalizes it: the stored equality form when both rules
   * normalize alike (the common case), else the substring rule's normalizer on the user value.
   */
  public static String substringForm(AttributeType valueType, String user, String normalized) throws LdapException {
    MatchingRule sub = valueType.getSubstring();
    MatchingRule eq = valueType.getEquality();
    if (sub == null || eq == null || sub.getNormalizer().getClass() == eq.getNormalizer().getClass()) {
      return normalized;
    }
    return sub.getNormalizer().normalize(user);
  }

  /** Adds {@code id} under {@code key}, a heap buffer as {@link IndexKeys} makes them. */
  public void put(Txn<ByteBuffer> txn, ByteBuffer key, long id) {
    Scratch scratch = Scratch.mine();
    db.put(txn, scratch.key(key.array()), scratch.id(id));
  }

  /**
   * Adds the ascending, distinct {@code ids[from..to)} under {@code key} through {@code cursor}
   * (on this index, in {@code txn}). When they all sort after the IDs the key holds already (always
   * so in a bulk load: its IDs are new) they go in one {@code MDB_MULTIPLE} put, the case that
   * flag is made for (appending fresh pairs), with {@code MDB_APPENDDUP}: LMDB then adds each ID at
   * the end of the key's duplicates instead of searching for its place, and fills the pages it
   * splits; otherwise, to be safe with pairs that exist, one put each.
   *
   * @param buffer a direct buffer of at least {@code (to - from) * 8} bytes to pass the IDs in
   * @param append the key sorts after every key of the index ({@code MDB_APPEND}: no descent, no
   *     lookup, and full pages where LMDB splits); LMDB refuses it otherwise
   */
  void putAll(Txn<ByteBuffer> txn, Cursor<ByteBuffer> cursor, byte[] key, long[] ids, int from, int to,
      ByteBuffer buffer, boolean append) {
    ByteBuffer k = Scratch.mine().key(key);
    if (append) {
      putMultiple(cursor, k, ids, from, to, buffer, PutFlags.MDB_APPEND);
      return;
    }
    if (to - from == 1) {
      put(txn, ByteBuffer.wrap(key), ids[from]);
      return;
    }
    if (cursor.get(k, GetOp.MDB_SET_KEY) && cursor.seek(SeekOp.MDB_LAST_DUP) && cursor.val().getLong(0) >= ids[from]) {
      for (int i = from; i < to; i++) {
        put(txn, ByteBuffer.wrap(key), ids[i]);
      }
      return;
    }
    putMultiple(cursor, k, ids, from, to, buffer, PutFlags.MDB_APPENDDUP);
  }

  private static void putMultiple(Cursor<ByteBuffer> cursor, ByteBuffer key, long[] ids, int from, int to,
      ByteBuffer buffer, PutFlags flag) {
    for (int i = from; i < to; i++) {
      buffer.putLong(ids[i]);
    }
    buffer.flip();
    cursor.putMultiple(key, buffer, to - from, PutFlags.MDB_MULTIPLE, PutFlags.MDB_APPENDDUP, flag);
  }

  /** Removes {@code id} from under {@code key}. */
  public void remove(Txn<ByteBuffer> txn, ByteBuffer key, long id) {
    Scratch scratch = Scratch.mine();
    db.delete(txn, scratch.key(key.array()), scratch.id(id));
  }

  /** The IDs under one key. */
  public IdSet read(Txn<ByteBuffer> txn, byte[] key) {
    IdSet ids = IdSet.empty();
    try (Cursor<ByteBuffer> c = db.openCursor(txn)) {
      if (c.get(Scratch.mine().key(key), GetOp.MDB_SET_KEY)) {
        readDups(c, ids);
      }
    }
    return ids;
  }

  /** How many IDs are under one key: LMDB keeps each key's count of duplicates, so this reads no ID. */
  public long count(Txn<ByteBuffer> txn, byte[] key) {
    try (Cursor<ByteBuffer> c = db.openCursor(txn)) {
      return c.get(Scratch.mine().key(key), GetOp.MDB_SET) ? c.count() : 0;
    }
  }

  /**
   * The IDs under every '=' key between the bounds (see {@link IndexKeys#rangeBound}), both
   * inclusive; a null bound is open.
   */
  public IdSet range(Txn<ByteBuffer> txn, byte[] low, byte[] high) {
    IdSet ids = IdSet.empty();
    byte[] start = low != null ? low : new byte[] {IndexKeys.EQUALITY};
    try (Cursor<ByteBuffer> c = db.openCursor(txn)) {
      for (boolean ok = c.get(Scratch.mine().key(start), GetOp.MDB_SET_RANGE); ok; ok = c.seek(SeekOp.MDB_NEXT_NODUP)) {
        byte[] key = Bytes.toArray(c.key());
        if (key[0] != IndexKeys.EQUALITY || (high != null && beyond(key, high))) {
          break;
        }
        readDups(c, ids);
      }
    }
    return ids;
  }

  /** Whether a key sorts after {@code high}, comparing no more than {@code high}'s length. */
  private static boolean beyond(byte[] key, byte[] high) {
    byte[] head = key.length > high.length ? Arrays.copyOf(key, high.length) : key;
    return Bytes.compare(head, high) > 0;
  }

  private static void readDups(Cursor<ByteBuffer> c, IdSet ids) {
    if (!c.seek(SeekOp.MDB_GET_MULTIPLE)) {
      return;
    }
    do {
      ByteBuffer page = c.val();
      for (int i = 0; i + 8 <= page.limit(); i += 8) {
        ids.add(page.getLong(i));
      }
    } while (c.seek(SeekOp.MDB_NEXT_MULTIPLE));
  }

  /** Every key and the number of IDs under it, for verification. */
  public void forEachKey(Txn<ByteBuffer> txn, java.util.function.BiConsumer<ByteBuffer, Long> action) {
    try (Cursor<ByteBuffer> c = db.openCursor(txn)) {
      for (boolean ok = c.first(); ok; ok = c.seek(SeekOp.MDB_NEXT)) {
        action.accept(ByteBuffer.wrap(Bytes.toArray(c.key())), c.val().getLong(0));
      }
    }
  }

  public Dbi<ByteBuffer> dbi() {
    return db;
  }
}
