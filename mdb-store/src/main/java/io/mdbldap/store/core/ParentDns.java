package io.mdbldap.store.core;

import io.mdbldap.store.dn.Dn2Id;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * The DNs of the parents of search results, by entry ID, kept across searches and threads: results
 * share a few parents ({@code ou=people,dc=example,dc=com}), whose DNs would otherwise be rebuilt
 * from dn2id, walking up to the suffix, for every search. A DN is remembered with the read
 * snapshot it was built in, and serves a later snapshot only while dn2id has taken no node out of
 * the tree since ({@link Dn2Id#changedNamesAfter}): only a delete, a rename or a move changes what
 * an ID is named, and IDs are not reused. Writes that rename are rare, so being coarse costs little.
 *
 * <p>Bounded: past {@value #BOUND} parents the memory starts again (a bound, not an LRU: parents
 * are few). Thread-safe.
 */
final class ParentDns {
  private static final int BOUND = 4096;

  private final Dn2Id dn2id;
  private final Map<Long, Known> known = new ConcurrentHashMap<>();

  /** A DN as built from dn2id in read snapshot {@code snapshot}. */
  private record Known(Dn dn, long snapshot) {}

  ParentDns(Dn2Id dn2id) {
    this.dn2id = dn2id;
  }

  /**
   * The DN of entry {@code id} as a reader of {@code snapshot}, whose transaction has begun, sees
   * it; null if it is not known to be that.
   */
  Dn get(long id, long snapshot) {
    Known k = known.get(id);
    // A DN built in a later snapshot than the reader's may name what the reader does not see yet.
    return k != null && k.snapshot() <= snapshot && !dn2id.changedNamesAfter(k.snapshot()) ? k.dn() : null;
  }

  /** Remembers the DN of entry {@code id}, built from dn2id in read snapshot {@code snapshot}. */
  void put(long id, Dn dn, long snapshot) {
    if (known.size() >= BOUND) {
      known.clear();
    }
    known.put(id, new Known(dn, snapshot));
  }
}
