package io.mdbldap.store.entry;

import io.mdbldap.store.env.Bytes;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.ReadTxn;
import io.mdbldap.store.env.WriteTxn;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.schema.AttributeType;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ad2i} sub-database: attribute descriptions numbered 0, 1, 2... in order of first use,
 * so entries store small numbers instead of names.
 *
 * <pre>
 * 'i' u32 number      -> UTF-8 description as the user wrote it ("cn", "CN", "cn;lang-en")
 * </pre>
 *
 * <p>The whole dictionary lives in memory. A number allocated by a write transaction is shown to
 * readers at once, since they may decode an entry that uses it as soon as LMDB's commit is
 * visible, before any commit hook runs; writers reuse it only once the transaction commits, so an
 * aborted or replayed write hands the same number out again, and no committed entry ever refers
 * to the abandoned one.
 */
public final class Ad2i {
  private static final Logger LOG = LoggerFactory.getLogger(Ad2i.class);
  private static final byte NUMBER_KEY = 'i';

  private final Dbi<ByteBuffer> db;
  private final SchemaManager schema;
  private final Map<String, Integer> numbers = new ConcurrentHashMap<>();
  private volatile String[] descriptions = new String[0];
  private volatile AttributeType[] types = new AttributeType[0];
  /** How many numbers are committed; those past it belong to the write in progress. Writer's only. */
  private int committed;
  private WriteTxn pendingTxn;
  private final Map<String, Integer> pending = new LinkedHashMap<>();

  public Ad2i(MdbEnv env, SchemaManager schema) {
    this.db = env.openDbi("ad2i");
    this.schema = schema;
  }

  /** Loads the dictionary; called once when the store opens. */
  public void load(ReadTxn r) {
    List<String> loaded = new ArrayList<>();
    try (Cursor<ByteBuffer> c = db.openCursor(r.txn())) {
      for (boolean ok = c.get(numberKey(0), GetOp.MDB_SET_RANGE); ok; ok = c.next()) {
        loaded.add(Bytes.utf8(Bytes.toArray(c.val())));
      }
    }
    publish(loaded);
  }

  /** The number of {@code description}, allocating one inside {@code w} if it is new. */
  public int number(WriteTxn w, String description) {
    Integer n = numbers.get(description);
    if (n != null) {
      return n;
    }
    if (pendingTxn != w) {
      pendingTxn = w;
      pending.clear();
      w.onCommit(this::publishPending);
    }
    Integer p = pending.get(description);
    if (p != null) {
      return p;
    }
    int next = committed + pending.size();
    db.put(w.txn(), numberKey(next), Bytes.direct(Bytes.utf8(description)));
    pending.put(description, next);
    showToReaders(next, description);
    return next;
  }

  /** The number of {@code description}, or -1 if no entry ever used it. */
  public int numberIfKnown(String description) {
    Integer n = numbers.get(description);
    return n == null ? -1 : n;
  }

  /** The description with number {@code n}, as the user first wrote it. */
  public String description(int n) {
    return descriptions[n];
  }

  /** The attribute type of number {@code n}, or null if the schema no longer knows it. */
  public AttributeType type(int n) {
    return types[n];
  }

  /** Puts {@code description} at number {@code n} in the readers' arrays, over an abandoned one. */
  private void showToReaders(int n, String description) {
    AttributeType[] t = Arrays.copyOf(types, Math.max(types.length, n + 1));
    t[n] = resolve(description);
    String[] d = Arrays.copyOf(descriptions, t.length);
    d[n] = description;
    // Both before the commit: a reader decoding the new entry needs the type and the description.
    types = t;
    descriptions = d;
  }

  private void publishPending() {
    pending.forEach(numbers::put);
    committed += pending.size();
    pending.clear();
    pendingTxn = null;
  }

  private void publish(List<String> all) {
    AttributeType[] t = new AttributeType[all.size()];
    for (int i = 0; i < t.length; i++) {
      t[i] = resolve(all.get(i));
      numbers.put(all.get(i), i);
    }
    types = t;
    descriptions = all.toArray(new String[0]);
    committed = all.size();
  }

  private AttributeType resolve(String description) {
    int semicolon = description.indexOf(';');
    String name = semicolon < 0 ? description : description.substring(0, semicolon);
    AttributeType type = schema.getAttributeType(name);
    if (type == null) {
      LOG.warn("ad2i: attribute \"{}\" is not in the schema; its values are skipped when read", description);
    }
    return type;
  }

  private static ByteBuffer numberKey(int n) {
    ByteBuffer b = Bytes.allocate(5);
    b.put(NUMBER_KEY).putInt(n).flip();
    return b;
  }
}
