package io.mdbldap.store.dn;

import io.mdbldap.store.StoreException;
import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.Scratch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.SeekOp;
import org.lmdbjava.Txn;

/**
 * The {@code dn2id} sub-database: the DN tree, keyed by parent ID, as in back-mdb. No DN is
 * stored whole, so renaming or moving a subtree rewrites only the moved entry's records.
 *
 * <pre>
 * key u64 id (big-endian), DUPSORT values:
 *   SELF   (exactly one, sorts first)
 *     0x00 | u64 parentId | u64 nsubs | u16 rdnLen | rdn UTF-8      rdn as the user wrote it
 *     0x00 | u64 parentId | u64 nsubs | 0xFFFF                       rdn too long: see dn2id.rdn
 *   CHILD  (one per child)
 *     0x01 | u16 nrdnLen | nrdn UTF-8 | u64 childId                  nrdn = normalized RDN
 *     0x02 | sha256(nrdn) (32) | u64 childId                         nrdn too long for a dup record
 * key 0: the CHILD record of the suffix entry, whose "RDN" is the whole suffix DN.
 *
 * dn2id.rdn (plain): u64 id -> u32 rdnLen | rdn | nrdn, only for entries whose RDN is too long
 * </pre>
 *
 * <p>LMDB limits DUPSORT values to 511 bytes; the 0xFFFF and 0x02 forms keep long RDNs working.
 * {@code nsubs} counts the entry's subtree, itself included, so subtree sizes are O(1) and the
 * child count is the number of duplicates less one. Children sort shortest normalized RDN first.
 */
public final class Dn2Id {
  /** No entry: IDs start at 1, and 0 is the suffix's parent. */
  public static final long NOID = 0;

  private static final int MAX_DUP = 511;
  private static final byte SELF = 0x00;
  private static final byte CHILD = 0x01;
  private static final byte CHILD_HASHED = 0x02;
  private static final int SELF_HEADER = 1 + 8 + 8 + 2;
  private static final int LONG_RDN = 0xFFFF;
  private static final int HASH_LEN = 32;

  private final Dbi<ByteBuffer> tree;
  private final Dbi<ByteBuffer> longRdns;
  /**
   * The ID of the latest write transaction that took a node out of the tree (a delete, or a move or
   * rename, which re-adds it): set before that transaction commits, so a reader that began after
   * the commit sees it. Names built before it may be stale (see {@link #changedNamesAfter}).
   */
  private final AtomicLong lastRemoval = new AtomicLong();

  public Dn2Id(MdbEnv env) {
    this.tree = env.openDbi("dn2id", DbiFlags.MDB_DUPSORT);
    this.longRdns = env.openDbi("dn2id.rdn");
  }

  /** An entry's own record: its parent, subtree size and RDN. */
  public record Node(long parentId, long nsubs, String rdn) {}

  /** The ID of {@code parentId}'s child with normalized RDN {@code nrdn}, or {@link #NOID}. */
  public long child(Txn<ByteBuffer> txn, long parentId, String nrdn) {
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      return child(txn, c, parentId, nrdn);
    }
  }

  /**
   * As {@link #child(Txn, long, String)}, with a cursor from {@link #openCursor} that the caller
   * keeps for several steps: a DN lookup takes one step per RDN, and lmdbjava allocates native
   * memory for every cursor it opens.
   */
  public long child(Txn<ByteBuffer> txn, Cursor<ByteBuffer> c, long parentId, String nrdn) {
    return child(txn, c, parentId, nrdn, childProbe(nrdn));
  }

  private long child(Txn<ByteBuffer> txn, Cursor<ByteBuffer> c, long parentId, String nrdn, byte[] probe) {
    Scratch scratch = Scratch.mine();
    // the key buffer carries the probe (a dup value): a bulk load looks up every entry's DN
    boolean found = c.get(scratch.id(parentId), scratch.key(probe), SeekOp.MDB_GET_BOTH_RANGE);
    for (; found; found = c.seek(SeekOp.MDB_NEXT_DUP)) {
      ByteBuffer v = c.val();
      if (!startsWith(v, probe)) {
        return NOID;
      }
      long id = v.getLong(probe.length);
      if (probe[0] == CHILD || nrdn.equals(longNrdn(txn, id))) {
        return id;
      }
    }
    return NOID;
  }

  /** A cursor on the tree for {@link #child(Txn, Cursor, long, String)}; the caller closes it. */
  public Cursor<ByteBuffer> openCursor(Txn<ByteBuffer> txn) {
    return tree.openCursor(txn);
  }

  /** The entry's own record, or null if there is no entry {@code id}. */
  public Node self(Txn<ByteBuffer> txn, long id) {
    ByteBuffer v = tree.get(txn, Scratch.mine().id(id));
    if (v == null) {
      return null;
    }
    return decodeSelf(txn, id, v);
  }

  private Node decodeSelf(Txn<ByteBuffer> txn, long id, ByteBuffer v) {
    if (v.get(0) != SELF) {
      throw new StoreException("dn2id: first record of id " + id + " is not its SELF node (type "
          + v.get(0) + ")");
    }
    long parent = v.getLong(1);
    long nsubs = v.getLong(9);
    int len = Short.toUnsignedInt(v.getShort(17));
    String rdn = len == LONG_RDN ? longRdn(txn, id)[0] : utf8(v, SELF_HEADER, len);
    return new Node(parent, nsubs, rdn);
  }

  /**
   * Adds entry {@code id} under {@code parentId} as a leaf, and counts it in every ancestor.
   *
   * @return false if the parent already has a child with this normalized RDN
   */
  public boolean add(Txn<ByteBuffer> txn, long parentId, long id, String rdn, String nrdn) {
    if (child(txn, parentId, nrdn) != NOID) {
      return false;
    }
    putNode(txn, parentId, id, 1, rdn, nrdn, childProbe(nrdn));
    adjustAncestors(txn, parentId, 1);
    return true;
  }

  /**
   * Adds a leaf like {@link #add} but leaves the ancestors' subtree counts to the caller, who
   * applies them once per batch with {@link #addToSubtreeCounts}: a bulk load would otherwise
   * rewrite every ancestor's record for every entry. The caller also keeps the cursor ({@link
   * #openCursor}) for the whole batch, rather than one opened and closed for each entry's lookup.
   */
  public boolean addUncounted(Txn<ByteBuffer> txn, Cursor<ByteBuffer> c, long parentId, long id, String rdn,
      String nrdn) {
    byte[] probe = childProbe(nrdn);
    if (child(txn, c, parentId, nrdn, probe) != NOID) {
      return false;
    }
    putNode(txn, parentId, id, 1, rdn, nrdn, probe);
    return true;
  }

  /** Adds {@code delta} to the subtree count of {@code from} and of each of its ancestors. */
  public void addToSubtreeCounts(Txn<ByteBuffer> txn, long from, long delta) {
    adjustAncestors(txn, from, delta);
  }

  /** Removes leaf {@code id} and uncounts it in every ancestor. */
  public void delete(Txn<ByteBuffer> txn, long id) {
    Node node = self(txn, id);
    removeNode(txn, id, node);
    adjustAncestors(txn, node.parentId(), -1);
  }

  /**
   * Moves and/or renames {@code id}: its descendants keep their records, since they name only
   * their parent's ID. O(depth).
   *
   * @return false if the new parent already has a child with {@code newNrdn}
   */
  public boolean move(Txn<ByteBuffer> txn, long id, long newParentId, String newRdn, String newNrdn) {
    Node node = self(txn, id);
    long existing = child(txn, newParentId, newNrdn);
    if (existing != NOID && existing != id) {
      return false;
    }
    removeNode(txn, id, node);
    putNode(txn, newParentId, id, node.nsubs(), newRdn, newNrdn, childProbe(newNrdn));
    if (newParentId != node.parentId()) {
      adjustAncestors(txn, node.parentId(), -node.nsubs());
      adjustAncestors(txn, newParentId, node.nsubs());
    }
    return true;
  }

  /** Number of immediate children of {@code id}. */
  public long childCount(Txn<ByteBuffer> txn, long id) {
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      return c.get(Scratch.mine().id(id), GetOp.MDB_SET_KEY) ? c.count() - 1 : 0;
    }
  }

  /** Calls {@code action} with each child ID of {@code id}, in dup order. */
  public void forEachChild(Txn<ByteBuffer> txn, long id, LongConsumer action) {
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      if (!c.get(Scratch.mine().id(id), GetOp.MDB_SET_KEY)) {
        return;
      }
      while (c.seek(SeekOp.MDB_NEXT_DUP)) {
        ByteBuffer v = c.val();
        action.accept(v.getLong(v.limit() - 8));
      }
    }
  }

  /** Calls {@code action} with {@code id} and every ID below it, depth first. */
  public void forEachInSubtree(Txn<ByteBuffer> txn, long id, LongConsumer action) {
    long[] stack = new long[64];
    int top = 0;
    stack[top++] = id;
    Scratch scratch = Scratch.mine();
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      while (top > 0) {
        long current = stack[--top];
        action.accept(current);
        if (!c.get(scratch.id(current), GetOp.MDB_SET_KEY)) {
          continue;
        }
        while (c.seek(SeekOp.MDB_NEXT_DUP)) {
          if (top == stack.length) {
            stack = java.util.Arrays.copyOf(stack, top * 2);
          }
          ByteBuffer v = c.val();
          stack[top++] = v.getLong(v.limit() - 8);
        }
      }
    }
  }

  /** Whether {@code id} is {@code ancestor} or lies below it. O(depth). */
  public boolean isSelfOrDescendant(Txn<ByteBuffer> txn, long id, long ancestor) {
    for (long current = id; current != NOID; current = self(txn, current).parentId()) {
      if (current == ancestor) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a write transaction of this store may have renamed, moved or deleted an entry after the
   * read snapshot {@code snapshot} (a {@link Txn#getId()}), as far as a reader whose own transaction
   * has begun can tell: a DN built from dn2id in that snapshot still names its entry in any later
   * snapshot if not. Conservative: a write that was aborted, or has not committed yet, counts.
   * Only this process's writes are seen; the offline tools that write beside a server only add.
   */
  public boolean changedNamesAfter(long snapshot) {
    return lastRemoval.get() > snapshot;
  }

  /** The user-form RDNs from {@code id} up to and including the suffix (whose "RDN" is its DN). */
  public List<String> rdnsToSuffix(Txn<ByteBuffer> txn, long id) {
    List<String> rdns = new ArrayList<>();
    for (long current = id; current != NOID; ) {
      Node node = self(txn, current);
      if (node == null) {
        throw new StoreException("dn2id: broken parent chain at id " + current + " (from id " + id + ")");
      }
      rdns.add(node.rdn());
      current = node.parentId();
    }
    return rdns;
  }

  public Dbi<ByteBuffer> dbi() {
    return tree;
  }

  /** Puts the node's records; {@code probe} is {@link #childProbe} of {@code nrdn}. */
  private void putNode(Txn<ByteBuffer> txn, long parentId, long id, long nsubs, String rdn, String nrdn,
      byte[] probe) {
    byte[] child = ByteBuffer.allocate(probe.length + 8).put(probe).putLong(id).array();
    // the thread's scratch buffers, not fresh direct ones: a bulk load adds a node per entry
    Scratch scratch = Scratch.mine();
    tree.put(txn, scratch.id(parentId), scratch.value(child));
    byte[] rdnBytes = rdn.getBytes(StandardCharsets.UTF_8);
    boolean inline = SELF_HEADER + rdnBytes.length <= MAX_DUP && probe[0] == CHILD;
    tree.put(txn, scratch.id(id), scratch.value(selfRecord(parentId, nsubs, inline ? rdnBytes : null)));
    if (!inline) {
      putLongRdn(txn, id, rdnBytes, nrdn.getBytes(StandardCharsets.UTF_8));
    }
  }

  private void removeNode(Txn<ByteBuffer> txn, long id, Node node) {
    lastRemoval.accumulateAndGet(txn.getId(), Math::max);
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      c.get(Bytes.idKey(id), GetOp.MDB_SET_KEY);
      c.delete();
    }
    String nrdn = nrdnOf(txn, id, node);
    byte[] probe = childProbe(nrdn);
    ByteBuffer child = Bytes.allocate(probe.length + 8);
    child.put(probe).putLong(id).flip();
    tree.delete(txn, Bytes.idKey(node.parentId()), child);
    longRdns.delete(txn, Bytes.idKey(id));
  }

  /** The normalized RDN of a node: from dn2id.rdn, or found among its parent's CHILD records. */
  private String nrdnOf(Txn<ByteBuffer> txn, long id, Node node) {
    String stored = longNrdn(txn, id);
    if (stored != null) {
      return stored;
    }
    String[] found = new String[1];
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      // From the first duplicate: key 0 (the suffix's parent) has no SELF record to skip.
      boolean ok = c.get(Bytes.idKey(node.parentId()), GetOp.MDB_SET_KEY);
      for (; found[0] == null && ok; ok = c.seek(SeekOp.MDB_NEXT_DUP)) {
        ByteBuffer v = c.val();
        if (v.get(0) == CHILD && v.getLong(v.limit() - 8) == id) {
          found[0] = utf8(v, 3, Short.toUnsignedInt(v.getShort(1)));
        }
      }
    }
    if (found[0] == null) {
      throw new StoreException("dn2id: id " + id + " is missing from its parent " + node.parentId());
    }
    return found[0];
  }

  /** Adds {@code delta} to the subtree count of {@code from} and each of its ancestors. */
  private void adjustAncestors(Txn<ByteBuffer> txn, long from, long delta) {
    try (Cursor<ByteBuffer> c = tree.openCursor(txn)) {
      for (long id = from; id != NOID; ) {
        ByteBuffer key = Bytes.idKey(id);
        if (!c.get(key, GetOp.MDB_SET_KEY)) {
          throw new StoreException("dn2id: ancestor id " + id + " has no SELF node");
        }
        byte[] self = Bytes.toArray(c.val());
        ByteBuffer updated = ByteBuffer.wrap(self);
        long parent = updated.getLong(1);
        updated.putLong(9, updated.getLong(9) + delta);
        // Delete and re-put: MDB_CURRENT on a DUPSORT record is only allowed for equal sort keys.
        c.delete();
        c.put(key, Bytes.direct(self));
        id = parent;
      }
    }
  }

  private static byte[] selfRecord(long parentId, long nsubs, byte[] inlineRdn) {
    int len = inlineRdn == null ? 0 : inlineRdn.length;
    ByteBuffer b = ByteBuffer.allocate(SELF_HEADER + len);
    b.put(SELF).putLong(parentId).putLong(nsubs).putShort((short) (inlineRdn == null ? LONG_RDN : len));
    if (inlineRdn != null) {
      b.put(inlineRdn);
    }
    return b.array();
  }

  /** The CHILD record without its trailing ID: what a lookup by normalized RDN probes with. */
  private static byte[] childProbe(String nrdn) {
    byte[] n = nrdn.getBytes(StandardCharsets.UTF_8);
    if (1 + 2 + n.length + 8 <= MAX_DUP) {
      ByteBuffer b = ByteBuffer.allocate(3 + n.length);
      b.put(CHILD).putShort((short) n.length).put(n);
      return b.array();
    }
    ByteBuffer b = ByteBuffer.allocate(1 + HASH_LEN);
    b.put(CHILD_HASHED).put(sha256(n));
    return b.array();
  }

  private void putLongRdn(Txn<ByteBuffer> txn, long id, byte[] rdn, byte[] nrdn) {
    ByteBuffer v = Bytes.allocate(4 + rdn.length + nrdn.length);
    v.putInt(rdn.length).put(rdn).put(nrdn).flip();
    longRdns.put(txn, Bytes.idKey(id), v);
  }

  private String[] longRdn(Txn<ByteBuffer> txn, long id) {
    ByteBuffer v = longRdns.get(txn, Scratch.mine().id(id));
    if (v == null) {
      return null;
    }
    int rdnLen = v.getInt(0);
    return new String[] {utf8(v, 4, rdnLen), utf8(v, 4 + rdnLen, v.limit() - 4 - rdnLen)};
  }

  private String longNrdn(Txn<ByteBuffer> txn, long id) {
    String[] both = longRdn(txn, id);
    return both == null ? null : both[1];
  }

  private static boolean startsWith(ByteBuffer v, byte[] prefix) {
    if (v.remaining() != prefix.length + 8) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (v.get(i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String utf8(ByteBuffer v, int offset, int length) {
    byte[] b = new byte[length];
    v.get(offset, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
