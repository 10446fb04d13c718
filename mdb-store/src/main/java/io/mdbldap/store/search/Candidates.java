package io.mdbldap.store.search;

import io.mdbldap.store.IndexKind;
import io.mdbldap.store.index.AttributeIndex;
import io.mdbldap.store.index.IdSet;
import io.mdbldap.store.index.IndexKeys;
import io.mdbldap.store.index.Indices;
import io.mdbldap.store.search.Filter.Constant;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lmdbjava.Txn;

/**
 * Computes the candidate IDs of a compiled filter from the indices, as back-mdb's
 * {@code mdb_filter_candidates}: AND intersects, OR unites, NOT and unindexed terms give ALL.
 * Candidates are a superset of the matches; every candidate is tested by {@link Matcher}.
 */
public final class Candidates {
  /**
   * Ordering rules whose order over the equality keys is the order of {@link IndexKeys}' forms,
   * so that a range scan over '=' keys finds every value in range.
   */
  private static final Set<String> RANGE_SAFE = Set.of(
      "integerOrderingMatch", "generalizedTimeOrderingMatch", "caseIgnoreOrderingMatch",
      "caseExactOrderingMatch", "numericStringOrderingMatch", "octetStringOrderingMatch",
      "uuidOrderingMatch", "csnOrderingMatch");

  /** An intersection this small is not narrowed further: testing a few entries is cheaper. */
  private static final int FEW = 8;

  private final Indices indices;

  public Candidates(Indices indices) {
    this.indices = indices;
  }

  public IdSet of(Txn<ByteBuffer> txn, Filter f) {
    if (f instanceof Constant c) {
      return c == Constant.TRUE ? IdSet.all() : IdSet.empty();
    }
    if (f instanceof Filter.And and) {
      return and(txn, and.children());
    }
    if (f instanceof Filter.Or or) {
      return or(txn, or.children());
    }
    if (f instanceof Filter.Leaf leaf && !(f instanceof Filter.Extensible)) {
      AttributeIndex index = indices.of(leaf.type());
      return index == null ? IdSet.all() : leaf(txn, leaf, index);
    }
    return IdSet.all();
  }

  /**
   * Whether {@code f} has at most {@code limit} candidates, known without reading an ID list: an
   * indexed equality by its key's count of IDs, an AND by its most selective child, an OR by the
   * sum of its children's. Anything else counts as unbounded.
   */
  public boolean atMost(Txn<ByteBuffer> txn, Filter f, long limit) {
    return bound(txn, f, limit) <= limit;
  }

  /** An upper bound of {@code f}'s candidates, exact up to {@code limit}; past it, any larger number. */
  private long bound(Txn<ByteBuffer> txn, Filter f, long limit) {
    if (f instanceof Constant c) {
      return c == Constant.TRUE ? Long.MAX_VALUE : 0;
    }
    if (f instanceof Filter.And and) {
      long least = Long.MAX_VALUE;
      for (int i = 0; i < and.children().size() && least > limit; i++) {
        least = Math.min(least, bound(txn, and.children().get(i), limit));
      }
      return least;
    }
    if (f instanceof Filter.Or or) {
      long sum = 0;
      for (int i = 0; i < or.children().size() && sum <= limit; i++) {
        sum += Math.min(bound(txn, or.children().get(i), limit), limit + 1);
      }
      return sum;
    }
    if (f instanceof Filter.Equality eq) {
      AttributeIndex index = indices.of(eq.type());
      if (index != null && equalitySearchable(index)) {
        return index.count(txn, eq.key);
      }
    }
    return Long.MAX_VALUE;
  }

  private IdSet and(Txn<ByteBuffer> txn, List<Filter> children) {
    IdSet result = IdSet.all();
    for (Filter child : children) {
      result = result.and(of(txn, child));
      if (result.isEmpty()) {
        break;
      }
    }
    return result;
  }

  private IdSet or(Txn<ByteBuffer> txn, List<Filter> children) {
    IdSet result = IdSet.empty();
    for (Filter child : children) {
      result = result.or(of(txn, child));
      if (result.isAll()) {
        break;
      }
    }
    return result;
  }

  private IdSet leaf(Txn<ByteBuffer> txn, Filter.Leaf leaf, AttributeIndex index) {
    if (leaf instanceof Filter.Presence) {
      return presence(txn, index);
    }
    if (leaf instanceof Filter.Equality eq) {
      return equalitySearchable(index) ? index.read(txn, eq.key) : IdSet.all();
    }
    if (leaf instanceof Filter.Ordering ord) {
      return ordering(txn, ord, index);
    }
    if (leaf instanceof Filter.Substring sub) {
      return substring(txn, sub, index);
    }
    if (leaf instanceof Filter.Approx approx && index.searchable(IndexKind.APPROX)) {
      return intersect(txn, index, approxKeys(approx));
    }
    return IdSet.all();
  }

  private static boolean equalitySearchable(AttributeIndex index) {
    return index.searchable(IndexKind.EQUALITY) || index.searchable(IndexKind.ORDERING);
  }

  private static IdSet presence(Txn<ByteBuffer> txn, AttributeIndex index) {
    return index.searchable(IndexKind.PRESENCE) ? index.read(txn, IndexKeys.presence()) : IdSet.all();
  }

  private static IdSet ordering(Txn<ByteBuffer> txn, Filter.Ordering ord, AttributeIndex index) {
    boolean sameForm = index.type().getEquality() != null
        && index.type().getEquality().getNormalizer().getClass() == ord.rule.getNormalizer().getClass();
    if (equalitySearchable(index) && sameForm && RANGE_SAFE.contains(ord.rule.getName())) {
      byte[] bound = IndexKeys.rangeBound(ord.key);
      return ord.greater ? index.range(txn, bound, null) : index.range(txn, null, bound);
    }
    return presence(txn, index);
  }

  private static IdSet substring(Txn<ByteBuffer> txn, Filter.Substring sub, AttributeIndex index) {
    List<byte[]> keys = new ArrayList<>();
    if (sub.initial != null && index.searchable(IndexKind.SUBINITIAL)) {
      addIfPresent(keys, IndexKeys.initialKey(sub.initial));
    }
    if (sub.fin != null && index.searchable(IndexKind.SUBFINAL)) {
      addIfPresent(keys, IndexKeys.finalKey(sub.fin));
    }
    if (index.searchable(IndexKind.SUBANY)) {
      sub.any.forEach(piece -> keys.addAll(IndexKeys.anyKeys(piece)));
      if (sub.initial != null) {
        keys.addAll(IndexKeys.anyKeys(sub.initial));
      }
      if (sub.fin != null) {
        keys.addAll(IndexKeys.anyKeys(sub.fin));
      }
    }
    return keys.isEmpty() ? presence(txn, index) : intersect(txn, index, keys);
  }

  private static void addIfPresent(List<byte[]> keys, byte[] key) {
    if (key != null) {
      keys.add(key);
    }
  }

  private static List<byte[]> approxKeys(Filter.Approx approx) {
    List<byte[]> keys = new ArrayList<>();
    approx.codes.forEach(code -> keys.add(IndexKeys.approxKey(code)));
    return keys;
  }

  /**
   * The IDs under every key, or a few more: candidates are re-tested against the filter, so the
   * intersection may stop once it is small ({@value #FEW}) rather than read the remaining keys,
   * whose ID lists may be long. Keys are read last first: substring keys come in string order,
   * and the first characters of a value (a common prefix, say "user") are the least selective.
   */
  private static IdSet intersect(Txn<ByteBuffer> txn, AttributeIndex index, List<byte[]> keys) {
    if (keys.isEmpty()) {
      return presence(txn, index);
    }
    IdSet result = IdSet.all();
    for (int k = keys.size() - 1; k >= 0; k--) {
      result = result.and(index.read(txn, keys.get(k)));
      if (result.isEmpty() || result.size() <= FEW) {
        break;
      }
    }
    return result;
  }
}
