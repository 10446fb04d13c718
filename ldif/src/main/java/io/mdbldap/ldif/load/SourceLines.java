package io.mdbldap.ldif.load;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.apache.directory.api.ldap.model.entry.Entry;

/**
 * The input line of each entry handed to the bulk loader, for as long as the loader holds the
 * entry: the loader reports a duplicate DN or a missing parent only later (when the batch is
 * written, or at the end), passing back the same {@link Entry} object. Keys are weak and compared
 * by identity, so what is remembered is bounded by what the loader itself keeps in memory.
 *
 * <p>It goes away once the loader's rejections carry a caller's tag (requested of mdb-store).
 * Not thread-safe.
 */
final class SourceLines {
  private final Map<Key, Integer> lines = new HashMap<>();
  private final ReferenceQueue<Entry> collected = new ReferenceQueue<>();

  void put(Entry entry, int line) {
    for (Reference<? extends Entry> gone = collected.poll(); gone != null; gone = collected.poll()) {
      lines.remove(gone);
    }
    lines.put(new Key(entry, collected), line);
  }

  /** The entry's line, or 0 if it is unknown. */
  int lineOf(Entry entry) {
    Integer line = lines.get(new Key(entry, null));
    return line == null ? 0 : line;
  }

  private static final class Key extends WeakReference<Entry> {
    private final int hash;

    Key(Entry entry, ReferenceQueue<Entry> queue) {
      super(entry, queue);
      this.hash = System.identityHashCode(entry);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      Entry referent = get();
      return referent != null && other instanceof Key key && key.get() == referent;
    }
  }
}
