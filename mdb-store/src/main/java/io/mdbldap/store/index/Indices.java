package io.mdbldap.store.index;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.IndexKind;
import io.mdbldap.store.StoreException;
import io.mdbldap.store.entry.Ad2i;
import io.mdbldap.store.entry.EncodedEntry;
import io.mdbldap.store.env.MdbEnv;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.Txn;

/**
 * All attribute indices of a store, and what each entry contributes to them. Keys carry no
 * reference counts, so a modify computes the full key sets before and after and writes only the
 * difference: a key two values share survives the removal of one of them.
 */
public final class Indices {
  private final Map<String, AttributeIndex> byOid = new LinkedHashMap<>();
  /** {@link #targets} by attribute type OID, worked out once: every entry asks for each of its types. */
  private final Map<String, AttributeIndex[]> targetsByOid = new ConcurrentHashMap<>();
  /**
   * One packer per thread that prepares entries, reused: a fresh one per entry, with arrays grown
   * to the entry's keys, was a fifth of what an import's reading thread allocated.
   */
  private final ThreadLocal<Packing> packings = ThreadLocal.withInitial(Packing::new);
  private final String canonical;

  /**
   * Opens the index sub-databases of {@code config}.
   *
   * @param stored the canonical configuration the database was built with, or null if new
   */
  public Indices(MdbEnv env, SchemaManager schema, IndexConfig config, String stored) {
    Map<String, Set<IndexKind>> resolved = resolve(schema, config);
    this.canonical = canonical(resolved);
    Map<String, Set<IndexKind>> built = stored == null ? resolved : parseCanonical(stored);
    resolved.forEach((oid, kinds) -> {
      Set<IndexKind> searchable = EnumSet.noneOf(IndexKind.class);
      searchable.addAll(kinds);
      searchable.retainAll(built.getOrDefault(oid, Set.of()));
      byOid.put(oid, new AttributeIndex(env, schema, schema.getAttributeType(oid), kinds, searchable));
    });
  }

  private static Map<String, Set<IndexKind>> resolve(SchemaManager schema, IndexConfig config) {
    Map<String, Set<IndexKind>> resolved = new TreeMap<>();
    config.kinds().forEach((name, kinds) -> {
      AttributeType type = schema.getAttributeType(name);
      if (type == null) {
        throw new StoreException("index " + name + ": no such attribute type in the schema");
      }
      check(type, kinds);
      resolved.computeIfAbsent(type.getOid(), o -> EnumSet.noneOf(IndexKind.class)).addAll(kinds);
    });
    return resolved;
  }

  private static void check(AttributeType type, Set<IndexKind> kinds) {
    boolean sub = kinds.contains(IndexKind.SUBINITIAL) || kinds.contains(IndexKind.SUBANY) || kinds.contains(IndexKind.SUBFINAL);
    if (sub && type.getSubstring() == null) {
      throw new StoreException("index " + type.getName() + " sub: the attribute has no SUBSTR matching rule");
    }
    if (kinds.contains(IndexKind.ORDERING) && type.getOrdering() == null) {
      throw new StoreException("index " + type.getName() + " ordering: the attribute has no ORDERING matching rule");
    }
    if ((kinds.contains(IndexKind.EQUALITY) || kinds.contains(IndexKind.APPROX)) && type.getEquality() == null) {
      throw new StoreException("index " + type.getName() + ": the attribute has no EQUALITY matching rule");
    }
  }

  /** "oid:kind,kind;oid:kind": what the stored configuration is compared by. */
  private static String canonical(Map<String, Set<IndexKind>> resolved) {
    StringBuilder b = new StringBuilder();
    resolved.forEach((oid, kinds) -> {
      b.append(b.length() == 0 ? "" : ";").append(oid).append(':');
      List<String> words = new ArrayList<>();
      kinds.forEach(k -> words.add(k.keyword()));
      b.append(String.join(",", words));
    });
    return b.toString();
  }

  private static Map<String, Set<IndexKind>> parseCanonical(String stored) {
    Map<String, Set<IndexKind>> map = new HashMap<>();
    for (String part : stored.split(";")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] oidKinds = part.split(":", 2);
      Set<IndexKind> kinds = EnumSet.noneOf(IndexKind.class);
      for (String k : oidKinds[1].split(",")) {
        kinds.addAll(IndexKind.parse(k));
      }
      map.put(oidKinds[0], kinds);
    }
    return map;
  }

  /** The configuration these indices are kept by, in the form stored in meta. */
  public String canonical() {
    return canonical;
  }

  /**
   * The configuration to store once the indices of {@code rebuiltOids} were rebuilt: theirs as
   * configured now, the others as {@code stored} says (the attributes no longer configured
   * dropped, since nothing keeps them up to date).
   */
  public String canonicalAfterRebuilding(String stored, Set<String> rebuiltOids) {
    Map<String, Set<IndexKind>> built = stored == null ? new HashMap<>() : parseCanonical(stored);
    Map<String, Set<IndexKind>> result = new TreeMap<>();
    byOid.forEach((oid, index) -> {
      Set<IndexKind> kinds = rebuiltOids.contains(oid) ? index.kinds() : built.get(oid);
      if (kinds != null && !kinds.isEmpty()) {
        Set<IndexKind> kept = EnumSet.copyOf(kinds);
        kept.retainAll(index.kinds());
        if (!kept.isEmpty()) {
          result.put(oid, kept);
        }
      }
    });
    return canonical(result);
  }

  /** The index on exactly {@code type}, or null. */
  public AttributeIndex of(AttributeType type) {
    return byOid.get(type.getOid());
  }

  public Iterable<AttributeIndex> all() {
    return Collections.unmodifiableCollection(byOid.values());
  }

  /** Every index key {@code entry} has, by index. */
  public Map<AttributeIndex, Set<ByteBuffer>> keys(Entry entry) throws LdapException {
    Map<AttributeIndex, Set<ByteBuffer>> keys = new HashMap<>();
    collect(entry, index -> {
      Set<ByteBuffer> set = keys.computeIfAbsent(index, i -> new HashSet<>());
      return key -> set.add(ByteBuffer.wrap(key));
    });
    return keys;
  }

  /** The same keys as {@link #keys(Entry)}, packed: what a bulk load keeps of an entry until it is written. */
  public EntryKeys packedKeys(Entry entry) throws LdapException {
    Packing packing = packings.get();
    packing.packer.reset();
    collect(entry, packing.sinks);
    return packing.packer.pack();
  }

  /**
   * A thread's packer and the sinks into it, made once: under C1, the offline tools' compiler,
   * making the method reference for every entry was a call into the JVM.
   */
  private static final class Packing {
    final EntryKeys.Packer packer = new EntryKeys.Packer();
    final Sinks sinks = packer::into;
  }

  /** Where the keys of each index go. */
  @FunctionalInterface
  private interface Sinks {
    KeySink of(AttributeIndex index);
  }

  private void collect(Entry entry, Sinks sinks) throws LdapException {
    for (Attribute attribute : entry) {
      AttributeType type = attribute.getAttributeType();
      for (AttributeIndex index : targets(type)) {
        KeySink out = sinks.of(index);
        presence(index, out);
        for (Value value : attribute) {
          boolean hr = value.isHumanReadable();
          index.valueKeys(type, hr ? value.getString() : null, hr ? null : value.getBytes(),
              hr ? value.getNormalized() : null, out);
        }
      }
    }
  }

  /** The same as {@link #keys(Entry)}, from the stored form (for verification and reindexing). */
  public Map<AttributeIndex, Set<ByteBuffer>> keys(EncodedEntry view, Ad2i ad2i) throws LdapException {
    Map<AttributeIndex, Set<ByteBuffer>> keys = new HashMap<>();
    for (int a = 0; a < view.attributeCount(); a++) {
      AttributeType type = ad2i.type(view.ad(a));
      if (type == null) {
        continue;
      }
      boolean hr = type.getSyntax().isHumanReadable();
      for (AttributeIndex index : targets(type)) {
        Set<ByteBuffer> set = keys.computeIfAbsent(index, i -> new HashSet<>());
        KeySink out = key -> set.add(ByteBuffer.wrap(key));
        presence(index, out);
        for (int v = view.firstValue(a); v < view.endValue(a); v++) {
          index.valueKeys(type, hr ? view.userString(v) : null, hr ? null : view.userBytes(v),
              hr ? view.normalizedString(v) : null, out);
        }
      }
    }
    return keys;
  }

  private static void presence(AttributeIndex index, KeySink out) {
    if (index.kinds().contains(IndexKind.PRESENCE)) {
      out.add(IndexKeys.presence());
    }
  }

  /**
   * The indices a value of {@code type} goes to: its own and its indexed supertypes'. Looked up
   * before computeIfAbsent: its lambda captures {@code type}, so each call allocated one, through a
   * method handle that the tools' C1-only JIT does not elide (4% of a bulk load's CPU samples).
   */
  private AttributeIndex[] targets(AttributeType type) {
    AttributeIndex[] known = targetsByOid.get(type.getOid());
    return known != null ? known : targetsByOid.computeIfAbsent(type.getOid(), oid -> targetsOf(type));
  }

  private AttributeIndex[] targetsOf(AttributeType type) {
    List<AttributeIndex> targets = new ArrayList<>(1);
    for (AttributeType t = type; t != null; t = t.getSuperior()) {
      AttributeIndex index = byOid.get(t.getOid());
      if (index != null) {
        targets.add(index);
      }
    }
    return targets.toArray(new AttributeIndex[0]);
  }

  /**
   * Adds the keys of many entries, index by index in key order, each key's IDs at once (see
   * {@link Postings}): much less page churn and fewer LMDB calls than entry by entry.
   */
  public void addSorted(Txn<ByteBuffer> txn, List<Map.Entry<Long, Map<AttributeIndex, Set<ByteBuffer>>>> entries) {
    Postings postings = new Postings();
    entries.forEach(e -> postings.add(e.getKey(), e.getValue()));
    postings.write(txn);
  }

  /** Adds every key of an entry. */
  public void add(Txn<ByteBuffer> txn, long id, Map<AttributeIndex, Set<ByteBuffer>> keys) {
    keys.forEach((index, set) -> set.forEach(k -> index.put(txn, k, id)));
  }

  /** Removes every key of an entry. */
  public void remove(Txn<ByteBuffer> txn, long id, Map<AttributeIndex, Set<ByteBuffer>> keys) {
    keys.forEach((index, set) -> set.forEach(k -> index.remove(txn, k, id)));
  }

  /** Writes only the difference between an entry's keys before and after a change. */
  public void update(Txn<ByteBuffer> txn, long id, Map<AttributeIndex, Set<ByteBuffer>> before,
      Map<AttributeIndex, Set<ByteBuffer>> after) {
    for (AttributeIndex index : byOid.values()) {
      Set<ByteBuffer> old = before.getOrDefault(index, Set.of());
      Set<ByteBuffer> now = after.getOrDefault(index, Set.of());
      old.stream().filter(k -> !now.contains(k)).forEach(k -> index.remove(txn, k, id));
      now.stream().filter(k -> !old.contains(k)).forEach(k -> index.put(txn, k, id));
    }
  }
}
