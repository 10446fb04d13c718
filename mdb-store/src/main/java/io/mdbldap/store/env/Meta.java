package io.mdbldap.store.env;

import io.mdbldap.store.FormatVersionException;
import io.mdbldap.store.StoreException;
import java.nio.ByteBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * The {@code meta} sub-database: one record per setting, keyed by its name in ASCII.
 *
 * <pre>
 * "format"       -> u32 format version ({@link #FORMAT_VERSION})
 * "suffix"       -> UTF-8 normalized suffix DN
 * "nextId"       -> u64 the ID the next add gets; IDs are never reused, even after the highest
 *                   entry is deleted (back-mdb reuses it; we do not, so IDs name entries for good)
 * "indexConfig"  -> UTF-8 canonical index configuration the indices were built with
 * </pre>
 */
public final class Meta {
  /** The on-disk format this code reads and writes; any change to a layout bumps it. */
  public static final int FORMAT_VERSION = 1;

  private static final ByteBuffer FORMAT = key("format");
  private static final ByteBuffer SUFFIX = key("suffix");
  private static final ByteBuffer NEXT_ID = key("nextId");
  private static final ByteBuffer INDEX_CONFIG = key("indexConfig");

  private final Dbi<ByteBuffer> db;

  public Meta(MdbEnv env) {
    this.db = env.openDbi("meta");
  }

  private static ByteBuffer key(String name) {
    return Bytes.direct(Bytes.utf8(name));
  }

  /**
   * Checks the format version and suffix of an existing database, or stamps a new one.
   *
   * @return true if the database was new
   */
  public boolean checkOrInit(WriteTxn w, String normSuffix, String directory) {
    Txn<ByteBuffer> txn = w.txn();
    ByteBuffer format = db.get(txn, FORMAT);
    if (format == null) {
      db.put(txn, FORMAT, intValue(FORMAT_VERSION));
      db.put(txn, SUFFIX, Bytes.direct(Bytes.utf8(normSuffix)));
      db.put(txn, NEXT_ID, longValue(1));
      return true;
    }
    int version = format.getInt(0);
    if (version != FORMAT_VERSION) {
      throw new FormatVersionException(directory + ": database format version " + version
          + ", but this build reads version " + FORMAT_VERSION
          + "; export it with the build that wrote it (mdbldap cat) and import the LDIF");
    }
    String stored = Bytes.utf8(Bytes.toArray(db.get(txn, SUFFIX)));
    if (!stored.equals(normSuffix)) {
      throw new StoreException(directory + ": database holds suffix \"" + stored
          + "\", not the configured \"" + normSuffix + "\"");
    }
    return false;
  }

  public long nextId(Txn<ByteBuffer> txn) {
    return db.get(txn, NEXT_ID).getLong(0);
  }

  public void setNextId(Txn<ByteBuffer> txn, long next) {
    db.put(txn, NEXT_ID, longValue(next));
  }

  /** The stored index configuration, or null if none was stored yet. */
  public String indexConfig(Txn<ByteBuffer> txn) {
    ByteBuffer v = db.get(txn, INDEX_CONFIG);
    return v == null ? null : Bytes.utf8(Bytes.toArray(v));
  }

  public void setIndexConfig(Txn<ByteBuffer> txn, String canonical) {
    db.put(txn, INDEX_CONFIG, Bytes.direct(Bytes.utf8(canonical)));
  }

  private static ByteBuffer intValue(int v) {
    ByteBuffer b = Bytes.allocate(4);
    b.putInt(v).flip();
    return b;
  }

  private static ByteBuffer longValue(long v) {
    ByteBuffer b = Bytes.allocate(8);
    b.putLong(v).flip();
    return b;
  }
}
