package io.mdbldap.store;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.env.WriteTxn;
import io.mdbldap.store.index.EntryKeys;
import io.mdbldap.store.index.Postings;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapEntryAlreadyExistsException;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * Loads many entries fast, for LDIF import (slapadd): a batch of entries per write transaction,
 * index keys sorted before they are written, ancestors' subtree counts updated once per batch.
 *
 * <p>Entries may come in any order: one whose parent is not there yet waits in memory until the
 * parent arrives, and {@link #finish()} rejects those whose parent never came. An entry that
 * cannot be added is reported to the {@link Rejections} listener and skipped; the load goes on,
 * and {@link #undo()} takes back everything this loader added, so a caller that must be
 * all-or-nothing can be.
 *
 * <p>A loader that {@linkplain MdbStore#bulkLoader(Rejections, int, boolean) gathers index keys}
 * writes them not with each batch but across many batches at once, as {@code slapadd -q} does: in
 * their own write transaction once they take {@value #GATHER_BYTES} bytes of heap, near the input's
 * end if told how far it is ({@link #inputAt}), and at {@link #finish()}. Each key is then written
 * once per such round instead of once per batch (the substring keys of names repeat in every
 * batch), in key order, appended to indices still empty.
 * Until a round is written, the committed entries of its batches are missing from the indices: a
 * load interrupted in between (an error that stops it, a kill) leaves the database inconsistent,
 * so only a load into a new database, deleted on failure, should gather. {@link #undo()} still
 * works: it removes the keys that were written.
 *
 * <p>One loader, one thread, except {@link #prepare}, which any thread may run ahead (an import
 * prepares on its reading thread, so that work overlaps the writes), and the gathering of index
 * keys, which runs on a thread of its own ({@link KeyGatherer}). Other writers may run meanwhile.
 */
public final class BulkLoader {
  /** Batches of this many entries per write transaction unless told otherwise. */
  public static final int DEFAULT_BATCH = 1_000;
  private static final int RECENT_PARENTS = 4_096;
  /**
   * A gathering loader writes its index keys once they take this much heap. A generated
   * inetOrgPerson entry with the usual indices (objectClass, uid, cn/sn/mail eq+sub, member) adds
   * about 1.6 KB, so a round is some 20,000 entries; the arrays are kept between rounds and grow to
   * at most twice their use, so gathering stays within about 55 MB at any input size. That leaves
   * room in the old generation of a 512 MB heap (192 MB beside a 320 MB young one) for an import's
   * queue of prepared entries, which it fills while the round is written (at 64 MB, gathering and
   * queue together filled it, and full collections took more time than the rounds). Larger rounds
   * saved little anyway: at 100,000 entries one round instead of three took 1.2 s of CPU instead of
   * 1.5 s (per batch of 500: 3.5 s), since most keys are distinct names (uid, cn, mail equality), a
   * put each however they are grouped; and the last round, written after the input's end, is shorter.
   * The keys are added on another thread ({@link KeyGatherer}); the bound is checked against the
   * keys before the last batch's, and a round takes that batch's keys too.
   */
  static final long GATHER_BYTES = 32L << 20;

  /** Hears about each entry the loader could not add, and why. */
  @FunctionalInterface
  public interface Rejections {
    void rejected(Entry entry, LdapException reason);
  }

  private final Tables t;
  private final DnResolver resolver;
  private final Rejections rejections;
  private final int batchSize;
  /** The index keys of committed batches not written yet; null if each batch writes its own. */
  private final KeyGatherer gathered;
  private final Rounds rounds;
  private final List<Prepared> batch = new ArrayList<>();
  /** Entries waiting for their parent, by the parent's normalized DN. */
  private final Map<String, List<Prepared>> waiting = new HashMap<>();
  /** Recently added entries by normalized DN: the next entries' parents, most of the time. */
  private final Map<String, Long> recent = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > RECENT_PARENTS;
    }
  };
  private long firstId = -1;
  private long lastId = -1;
  private long loaded;

  /**
   * @param gatherBytes 0 to write each batch's index keys with the batch; else gather them across
   *     batches and write them once they take this many bytes
   */
  BulkLoader(Tables tables, Rejections rejections, int batchSize, long gatherBytes) {
    this.t = tables;
    this.resolver = new DnResolver(tables);
    this.rejections = rejections;
    this.batchSize = batchSize;
    this.gathered = gatherBytes > 0 ? new KeyGatherer() : null;
    this.rounds = new Rounds(gatherBytes);
  }

  /**
   * An entry made ready for {@link #add(Prepared)} with all the work that needs no transaction:
   * schema-aware, its DN normalized and taken apart, its index keys computed and, once its
   * attribute descriptions all have numbers, its encoding; the writing thread then mostly puts.
   */
  public static final class Prepared {
    private final Entry entry;
    private final EntryKeys keys;
    /** Null until every attribute description of the entry has a committed ad2i number. */
    private final byte[] encoded;
    private final String normName;
    /** The parent's normalized DN; null for the suffix entry, which has no parent in the store. */
    private final String parent;
    /** The RDN as written and normalized; for the suffix, the whole DN (as back-mdb stores it). */
    private final String rdn;
    private final String nrdn;
    private final boolean outsideSuffix;

    private Prepared(Entry entry, EntryKeys keys, byte[] encoded, Dn suffix) {
      this.entry = entry;
      this.keys = keys;
      this.encoded = encoded;
      Dn dn = entry.getDn();
      this.normName = dn.getNormName();
      boolean isSuffix = dn.equals(suffix);
      this.outsideSuffix = !isSuffix && !dn.isDescendantOf(suffix);
      Rdn first = dn.getRdn();
      this.rdn = isSuffix ? dn.getName() : first.getName();
      this.nrdn = isSuffix ? normName : first.getNormName();
      // A DN's normalized name is its RDNs' joined by commas: the parent's is the rest after the
      // first, taken as is rather than built by Dn.getParent (a new DN and both its names).
      this.parent = isSuffix ? null : dn.size() == 1 ? "" : normName.substring(nrdn.length() + 1);
    }

    /**
     * The entry, as it will be stored; once {@linkplain #prepare prepared} with its encoding, only
     * its DN (an entry of that DN without attributes).
     */
    public Entry entry() {
      return entry;
    }
  }

  /**
   * Does the work on {@code given} that needs no transaction. Thread-safe, so it can run on
   * another thread than the loader's; the entry must not change afterwards.
   */
  public Prepared prepare(Entry given) throws LdapException {
    Entry entry = given.isSchemaAware() ? given : new DefaultEntry(t.schema(), given);
    entry.setDn(resolver.normalize(entry.getDn()));
    EntryKeys keys = t.indices().packedKeys(entry);
    byte[] encoded = t.codec().encodeIfNumbered(entry);
    // Once encoded, only the entry's DN is needed again (a rejection names it). An import queues
    // thousands of prepared entries ahead of the loader, and without their values each takes a
    // fraction of the heap.
    Entry kept = encoded == null ? entry : new DefaultEntry(t.schema(), entry.getDn());
    return new Prepared(kept, keys, encoded, t.suffix());
  }

  /** Queues an entry; a full batch is written at once. */
  public void add(Entry given) throws LdapException {
    add(prepare(given));
  }

  /** Queues an entry prepared by {@link #prepare}; a full batch is written at once. */
  public void add(Prepared prepared) throws LdapException {
    batch.add(prepared);
    if (batch.size() >= batchSize) {
      flush();
    }
  }

  /**
   * Writes the pending batch and any gathered index keys, then rejects every entry still waiting
   * for a parent.
   */
  public void finish() throws LdapException {
    flush();
    writeGathered();
    waiting.forEach((parent, children) -> children.forEach(child -> rejections.rejected(child.entry,
        DnResolver.noSuchObject(child.entry.getDn().getParent(), Dn.EMPTY_DN))));
    waiting.clear();
  }

  /**
   * Tells how far the input is: the entries given so far came from its first {@code done} units
   * (LDIF bytes, say) of {@code size} (0 if unknown). A gathering loader then splits what would be
   * its last round, written after the input's end with nothing to overlap it (see {@link Rounds}).
   */
  public void inputAt(long done, long size) {
    rounds.inputAt(done, size);
  }

  /** How many entries this loader has added so far. */
  public long loaded() {
    return loaded;
  }

  /** How many entries wait for a parent that has not come yet. */
  public long waiting() {
    return waiting.values().stream().mapToLong(List::size).sum();
  }

  /**
   * Deletes every entry this loader added, newest first (children before parents), so the
   * database holds what it held before the load. IDs are not reused: the next add gets a new one.
   */
  public void undo() throws LdapException {
    batch.clear();
    if (gathered != null) {
      gathered.clear();
    }
    waiting.clear();
    recent.clear();
    for (long high = lastId; firstId > 0 && high >= firstId; high -= batchSize) {
      long from = high;
      long to = Math.max(firstId, high - batchSize + 1);
      t.env().write(w -> {
        for (long id = from; id >= to; id--) {
          removeEntry(w.txn(), id);
        }
        return null;
      });
    }
    loaded = 0;
    firstId = -1;
    lastId = -1;
  }

  private void removeEntry(Txn<ByteBuffer> txn, long id) throws LdapException {
    byte[] bytes = t.id2entry().get(txn, id);
    if (bytes == null) {
      return;
    }
    t.indices().remove(txn, id, t.indices().keys(t.codec().view(bytes), t.ad2i()));
    t.dn2id().delete(txn, id);
    t.id2entry().delete(txn, id);
  }

  private void flush() throws LdapException {
    if (batch.isEmpty()) {
      return;
    }
    List<Prepared> entries = new ArrayList<>(batch);
    batch.clear();
    t.env().write(w -> {
      new Batch(w).write(entries);
      return null;
    });
    // Decided from the keys before this batch's, so that rounds do not depend on the gathering
    // thread's pace; the round takes this batch's keys too.
    if (gathered != null && rounds.due(gathered.bytesBeforeLast())) {
      writeGathered();
    }
  }

  /** Writes the gathered index keys in a transaction of their own, and forgets them once it commits. */
  private void writeGathered() throws LdapException {
    if (gathered == null || gathered.isEmpty()) {
      return;
    }
    t.env().write(w -> {
      gathered.write(w.txn());
      return null;
    });
    gathered.clear();
    rounds.written();
  }

  /**
   * One write transaction's worth. It changes the loader's own state only when the transaction
   * commits, since after {@code MDB_MAP_FULL} the same batch is written again.
   */
  private final class Batch {
    private final WriteTxn w;
    private final Txn<ByteBuffer> txn;
    private final Map<String, Long> added = new HashMap<>();
    private final Map<String, List<Prepared>> parked = new HashMap<>();
    private final Set<String> released = new java.util.HashSet<>();
    private final List<Map.Entry<Entry, LdapException>> rejected = new ArrayList<>();
    private final Map<Long, Long> newChildren = new HashMap<>();
    /** This batch's index keys, written with it; null for a gathering loader, given {@link #keys} on commit. */
    private final Postings postings = gathered == null ? new Postings() : null;
    /** With a gathering loader, the keys of the entries added, from ID {@link #first} on. */
    private final List<EntryKeys> keys = new ArrayList<>();
    private long next;
    private long first = -1;

    Batch(WriteTxn w) {
      this.w = w;
      this.txn = w.txn();
    }

    void write(List<Prepared> entries) throws LdapException {
      next = t.meta().nextId(txn);
      Deque<Prepared> queue = new ArrayDeque<>(entries);
      try (Cursor<ByteBuffer> names = t.dn2id().openCursor(txn)) {
        while (!queue.isEmpty()) {
          Prepared p = queue.poll();
          if (place(p, names)) {
            queue.addAll(releaseChildren(p.normName));
          }
        }
      }
      newChildren.forEach((parent, count) -> t.dn2id().addToSubtreeCounts(txn, parent, count));
      if (gathered == null) {
        postings.write(txn);
      }
      t.meta().setNextId(txn, next);
      w.onCommit(this::publish);
    }

    /** Adds one entry, or parks or rejects it; true if it was added. {@code names}: the batch's dn2id cursor. */
    private boolean place(Prepared p, Cursor<ByteBuffer> names) throws LdapException {
      long parent = parentId(p);
      if (parent < 0) {
        parked.computeIfAbsent(p.parent, x -> new ArrayList<>()).add(p);
        return false;
      }
      if (!t.dn2id().addUncounted(txn, names, parent, next, p.rdn, p.nrdn)) {
        rejected.add(new AbstractMap.SimpleEntry<>(p.entry, new LdapEntryAlreadyExistsException(
            "entry already exists: " + p.entry.getDn().getName())));
        return false;
      }
      long id = next++;
      first = first < 0 ? id : first;
      if (parent != Dn2Id.NOID) {
        newChildren.merge(parent, 1L, Long::sum);
      }
      t.id2entry().add(txn, id, p.encoded != null ? p.encoded : t.codec().encode(w, p.entry));
      if (gathered == null) {
        postings.add(id, p.keys);
      } else {
        keys.add(p.keys);
      }
      added.put(p.normName, id);
      return true;
    }

    /** The parent's ID, {@link Dn2Id#NOID} for the suffix, or -1 if the parent is not there yet. */
    private long parentId(Prepared p) throws LdapException {
      if (p.parent == null) {
        return Dn2Id.NOID;
      }
      Dn dn = p.entry.getDn();
      if (p.outsideSuffix) {
        throw DnResolver.noSuchObject(dn, Dn.EMPTY_DN);
      }
      Long id = added.containsKey(p.parent) ? added.get(p.parent) : recent.get(p.parent);
      if (id != null) {
        return id;
      }
      DnResolver.Resolution r = resolver.resolve(txn, dn.getParent());
      return r.found() ? r.id() : -1;
    }

    private List<Prepared> releaseChildren(String parent) {
      List<Prepared> children = new ArrayList<>(parked.getOrDefault(parent, List.of()));
      parked.remove(parent);
      if (!released.contains(parent) && waiting.containsKey(parent)) {
        children.addAll(waiting.get(parent));
        released.add(parent);
      }
      return children;
    }

    private void publish() {
      released.forEach(waiting::remove);
      parked.forEach((p, children) -> waiting.computeIfAbsent(p, x -> new ArrayList<>()).addAll(children));
      recent.putAll(added);
      loaded += added.size();
      if (first > 0) {
        firstId = firstId < 0 ? first : firstId;
        lastId = next - 1;
      }
      rejected.forEach(r -> rejections.rejected(r.getKey(), r.getValue()));
      if (!keys.isEmpty()) {
        gathered.add(first, keys);
      }
    }
  }
}
