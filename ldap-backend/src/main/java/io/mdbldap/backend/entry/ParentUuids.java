package io.mdbldap.backend.entry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.directory.api.ldap.model.entry.Value;

/**
 * The {@code entryParentId} values of recently returned entries, by the parent's normalized DN,
 * shared by every read of one partition: most entries share a few parents, and looking a parent
 * up costs a dn2id walk and a decode per returned entry.
 *
 * <p>A DN names the same entryUUID until an update deletes, renames or modifies an entry, so every
 * such update {@link #invalidate()}s the whole memory. A reader that looked a parent up while an
 * update ran does not keep its answer: it compares the generation it started in with the current
 * one after storing it ({@link #put}). Thread-safe.
 */
final class ParentUuids {
  /** Past this many parents the memory starts again: a bound, not an LRU, because parents are few. */
  private static final int MAX_PARENTS = 4096;

  private final Map<String, Optional<Value>> byDn = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  /** The generation to pass to {@link #put} for a lookup that starts now. */
  long generation() {
    return generation.get();
  }

  /** The remembered value for the parent {@code normDn}: empty if it has no entryUUID; null if not known. */
  Optional<Value> get(String normDn) {
    return byDn.get(normDn);
  }

  /** Remembers what a lookup that started in {@code startedIn} found, unless an update ran meanwhile. */
  void put(String normDn, Optional<Value> parentId, long startedIn) {
    if (byDn.size() >= MAX_PARENTS) {
      byDn.clear();
    }
    byDn.put(normDn, parentId);
    // After the put: an invalidate() between the lookup and here has bumped the generation.
    if (generation.get() != startedIn) {
      byDn.remove(normDn, parentId);
    }
  }

  /** Forgets everything; called after every update that may change which entryUUID a DN names. */
  void invalidate() {
    generation.incrementAndGet();
    byDn.clear();
  }
}
