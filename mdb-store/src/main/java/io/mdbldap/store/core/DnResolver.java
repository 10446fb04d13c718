package io.mdbldap.store.core;

import io.mdbldap.store.dn.Dn2Id;
import io.mdbldap.store.dn.DnParser;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.exception.LdapNoSuchObjectException;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.name.Rdn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.Cursor;
import org.lmdbjava.Txn;

/**
 * DN to ID and back, through dn2id: a DN is looked up RDN by RDN from the suffix down, O(depth);
 * an ID's DN is rebuilt from the RDNs up to the suffix. Thread-safe.
 */
public final class DnResolver {
  /** Parent DNs kept parsed; past this the memory starts again (a bound, not an LRU: parents are few). */
  private static final int PARSED_DNS = 4096;

  private final Dn2Id dn2id;
  private final Dn suffix;
  private final SchemaManager schema;
  /** Result RDNs kept parsed; past this the memory starts again, as for {@link #parsed}. */
  private static final int PARSED_RDNS = 8192;

  private final Map<String, Dn> parsed = new ConcurrentHashMap<>();
  private final Map<String, Rdn> parsedRdns = new ConcurrentHashMap<>();
  private final ParentDns parents;

  public DnResolver(Tables t) {
    this.dn2id = t.dn2id();
    this.suffix = t.suffix();
    this.schema = t.schema();
    this.parents = new ParentDns(dn2id);
  }

  /**
   * Where a DN lookup got to.
   *
   * @param id the entry's ID, or {@link Dn2Id#NOID}
   * @param matched the deepest existing entry on the way (the matchedDN), or the empty DN
   */
  public record Resolution(long id, Dn matched) {
    public boolean found() {
      return id != Dn2Id.NOID;
    }
  }

  /** Makes a DN schema-aware (normalized) if it is not yet. */
  public Dn normalize(Dn dn) throws LdapInvalidDnException {
    return dn.isSchemaAware() ? dn : new Dn(schema, dn);
  }

  public Resolution resolve(Txn<ByteBuffer> txn, Dn dn) {
    if (!dn.isDescendantOf(suffix)) {
      return new Resolution(Dn2Id.NOID, Dn.EMPTY_DN);
    }
    try (Cursor<ByteBuffer> cursor = dn2id.openCursor(txn)) {
      long id = dn2id.child(txn, cursor, Dn2Id.NOID, suffix.getNormName());
      if (id == Dn2Id.NOID) {
        return new Resolution(Dn2Id.NOID, Dn.EMPTY_DN);
      }
      List<Rdn> rdns = dn.getRdns();
      int below = dn.size() - suffix.size();
      for (int i = below - 1; i >= 0; i--) {
        long child = dn2id.child(txn, cursor, id, rdns.get(i).getNormName());
        if (child == Dn2Id.NOID) {
          // Built only now: each parent DN copies its RDNs, a cost a found DN need not pay.
          return new Resolution(Dn2Id.NOID, i == below - 1 ? suffix : ancestor(dn, i + 1));
        }
        id = child;
      }
      return new Resolution(id, dn);
    }
  }

  private static Dn ancestor(Dn dn, int firstRdn) {
    Dn d = dn;
    for (int k = 0; k < firstRdn; k++) {
      d = d.getParent();
    }
    return d;
  }

  /** The ID of {@code dn}, or a noSuchObject exception naming the matched DN. */
  public long require(Txn<ByteBuffer> txn, Dn dn) throws LdapNoSuchObjectException {
    Resolution r = resolve(txn, dn);
    if (!r.found()) {
      throw noSuchObject(dn, r.matched());
    }
    return r.id();
  }

  public static LdapNoSuchObjectException noSuchObject(Dn dn, Dn matched) {
    LdapNoSuchObjectException e = new LdapNoSuchObjectException("no such object: " + dn.getName());
    e.setResolvedDn(matched);
    return e;
  }

  /** The DN of entry {@code id}, rebuilt from dn2id. */
  public Dn dnOf(Txn<ByteBuffer> txn, long id) throws LdapException {
    return new Dn(schema, String.join(",", dn2id.rdnsToSuffix(txn, id)));
  }

  /** An entry's ID and a DN that names it, as a request spelled it. */
  public record Named(long id, Dn dn) {}

  /**
   * The DN of an entry named by a request: the request's own parsed DN when it spells the DN as
   * dn2id holds it (the usual case, clients repeat the DNs they were given), which saves parsing an
   * RDN and copying a DN; else the DN rebuilt from dn2id, as a result must show the entry's own
   * spelling.
   */
  public Dn dnOf(Txn<ByteBuffer> txn, Named named) throws LdapException {
    Dn2Id.Node node = node(txn, named.id());
    String stored = node.parentId() == Dn2Id.NOID ? node.rdn() : node.rdn() + "," + parentDn(txn, node).getName();
    return stored.equals(named.dn().getName()) ? named.dn() : new Dn(schema, stored);
  }

  /**
   * The DN of entry {@code id}, built from its parent's DN and its own RDN: search results share
   * parents, so each result parses one RDN instead of a whole DN. Parent DNs are remembered by ID
   * across searches ({@link ParentDns}), as long as no write may have renamed them.
   */
  public Dn resultDn(Txn<ByteBuffer> txn, long id) throws LdapException {
    Dn2Id.Node node = node(txn, id);
    if (node.parentId() == Dn2Id.NOID) {
      return parsedDn(node.rdn());
    }
    return DnParser.child(schema, parentDn(txn, node), parsedRdn(node.rdn()));
  }

  private Dn2Id.Node node(Txn<ByteBuffer> txn, long id) throws LdapNoSuchObjectException {
    Dn2Id.Node node = dn2id.self(txn, id);
    if (node == null) {
      throw new LdapNoSuchObjectException("dn2id: no node for entry " + id);
    }
    return node;
  }

  /**
   * The DN of the parent of {@code node}, which is not the suffix's: remembered, else rebuilt and remembered. Only
   * read transactions share the memory: a write transaction sees names it may yet abort, and an aborted write's
   * transaction ID and entry IDs are given again to the next write, so its names would pass for committed ones.
   */
  private Dn parentDn(Txn<ByteBuffer> txn, Dn2Id.Node node) throws LdapException {
    boolean shared = txn.isReadOnly();
    long snapshot = txn.getId();
    Dn parent = shared ? parents.get(node.parentId(), snapshot) : null;
    if (parent == null) {
      parent = parsedDn(String.join(",", dn2id.rdnsToSuffix(txn, node.parentId())));
      if (shared) {
        parents.put(node.parentId(), parent, snapshot);
      }
    }
    return parent;
  }

  /**
   * The RDN {@code text} parsed with the schema, remembered by its text like {@link #parsedDn}:
   * parsing normalizes the value (a syntax check and the matching rule's normalizer), most of the
   * cost of naming a result, and the entries a directory serves are read again and again. Rdn
   * objects are immutable, so one serves any number of DNs and threads.
   */
  private Rdn parsedRdn(String text) throws LdapException {
    return remembered(parsedRdns, PARSED_RDNS, text, t -> new Rdn(schema, t));
  }

  /**
   * {@code text} parsed with the schema. Parsing normalizes every RDN and dominates the cost of
   * naming a result, while a directory has few parent DNs: they are remembered across searches,
   * by their text, so a renamed parent simply has another key and nothing goes stale.
   */
  private Dn parsedDn(String text) throws LdapException {
    return remembered(parsed, PARSED_DNS, text, t -> new Dn(schema, t));
  }

  /** Parses a DN or an RDN. */
  @FunctionalInterface
  private interface Parse<T> {
    T parse(String text) throws LdapException;
  }

  /** {@code text} parsed, from {@code memory} if it is there; the memory starts again past {@code bound}. */
  private static <T> T remembered(Map<String, T> memory, int bound, String text, Parse<T> parse) throws LdapException {
    T known = memory.get(text);
    if (known == null) {
      if (memory.size() >= bound) {
        memory.clear();
      }
      known = parse.parse(text);
      memory.put(text, known);
    }
    return known;
  }
}
