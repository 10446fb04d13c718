package io.mdbldap.store;

import io.mdbldap.store.core.DnResolver;
import io.mdbldap.store.core.Tables;
import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.index.AttributeIndex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * Cross-checks one snapshot of a store: every id2entry record is reachable by its DN, dn2id holds
 * no node without a record, subtree counts add up, and each index holds exactly the keys its
 * entries produce. Problems are reported, not repaired; they name the structure, the ID and what
 * was expected.
 */
final class Verifier {
  private static final int MAX_PROBLEMS = 100;

  private final Tables t;
  private final DnResolver resolver;
  private final Txn<ByteBuffer> txn;
  private final List<String> problems = new ArrayList<>();

  Verifier(Tables tables, DnResolver resolver, Txn<ByteBuffer> txn) {
    this.t = tables;
    this.resolver = resolver;
    this.txn = txn;
  }

  List<String> run() {
    Map<AttributeIndex, Map<ByteBuffer, Set<Long>>> expected = new HashMap<>();
    Set<Long> ids = new HashSet<>();
    try (Cursor<ByteBuffer> c = t.id2entry().dbi().openCursor(txn)) {
      for (boolean ok = c.first(); ok && problems.size() < MAX_PROBLEMS; ok = c.next()) {
        long id = c.key().getLong(0);
        ids.add(id);
        checkEntry(id, Bytes.toArray(c.val()), expected);
      }
    }
    checkTree(ids);
    checkIndices(expected);
    return problems;
  }

  private void checkEntry(long id, byte[] bytes, Map<AttributeIndex, Map<ByteBuffer, Set<Long>>> expected) {
    try {
      var dn = resolver.dnOf(txn, id);
      DnResolver.Resolution r = resolver.resolve(txn, dn);
      if (r.id() != id) {
        problem("dn2id: entry " + id + " (" + dn.getName() + ") resolves to id " + r.id());
      }
      t.indices().keys(t.codec().view(bytes), t.ad2i()).forEach((index, keys) -> keys.forEach(k ->
          expected.computeIfAbsent(index, i -> new HashMap<>()).computeIfAbsent(k, x -> new HashSet<>()).add(id)));
    } catch (Exception e) {
      problem("entry " + id + ": " + e.getMessage());
    }
  }

  /** Every node is an entry, and every nsubs is one plus the children's. */
  private void checkTree(Set<Long> ids) {
    long suffix = t.dn2id().child(txn, Dn2Id.NOID, t.suffix().getNormName());
    if (suffix == Dn2Id.NOID) {
      if (!ids.isEmpty()) {
        problem("dn2id: no suffix node, but id2entry holds " + ids.size() + " entries");
      }
      return;
    }
    Set<Long> seen = new HashSet<>();
    subtreeSize(suffix, ids, seen);
    if (seen.size() != ids.size()) {
      problem("dn2id: " + seen.size() + " nodes reachable from the suffix, id2entry holds " + ids.size());
    }
  }

  private long subtreeSize(long id, Set<Long> ids, Set<Long> seen) {
    if (!seen.add(id)) {
      problem("dn2id: id " + id + " reached twice (a cycle)");
      return 0;
    }
    if (!ids.contains(id)) {
      problem("dn2id: node " + id + " has no id2entry record");
    }
    long[] size = {1};
    List<Long> children = new ArrayList<>();
    t.dn2id().forEachChild(txn, id, children::add);
    for (long child : children) {
      size[0] += subtreeSize(child, ids, seen);
    }
    long stored = t.dn2id().self(txn, id).nsubs();
    if (stored != size[0]) {
      problem("dn2id: id " + id + " nsubs=" + stored + ", but its subtree holds " + size[0]);
    }
    return size[0];
  }

  private void checkIndices(Map<AttributeIndex, Map<ByteBuffer, Set<Long>>> expected) {
    for (AttributeIndex index : t.indices().all()) {
      Map<ByteBuffer, Set<Long>> want = expected.getOrDefault(index, Map.of());
      Map<ByteBuffer, Set<Long>> have = new HashMap<>();
      index.forEachKey(txn, (k, id) -> have.computeIfAbsent(k, x -> new HashSet<>()).add(id));
      if (!want.equals(have)) {
        describeDiff(index, want, have);
      }
    }
  }

  private void describeDiff(AttributeIndex index, Map<ByteBuffer, Set<Long>> want, Map<ByteBuffer, Set<Long>> have) {
    Set<ByteBuffer> keys = new HashSet<>(want.keySet());
    keys.addAll(have.keySet());
    for (ByteBuffer k : keys) {
      Set<Long> w = want.getOrDefault(k, Set.of());
      Set<Long> h = have.getOrDefault(k, Set.of());
      if (!w.equals(h)) {
        problem("index." + index.type().getName() + ": key " + printable(k) + " holds ids " + h + ", expected " + w);
      }
    }
  }

  private static String printable(ByteBuffer k) {
    return new String(k.array(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
  }

  private void problem(String p) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(p);
    }
  }
}
