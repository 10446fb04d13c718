package io.mdbldap.store.env;

import io.mdbldap.store.DatabaseFullException;
import io.mdbldap.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LMDB environment: the files {@code data.mdb} and {@code lock.mdb} in a database directory.
 *
 * <p>Opened with {@code MDB_NOTLS}, because ApacheDS iterates search cursors on other threads than
 * the one that opened them. Java code serializes writers (LMDB would too, but inside its mutex),
 * and every transaction holds the read side of a resize gate: {@code mdb_env_set_mapsize} is only
 * safe while no transaction is open in the process.
 *
 * <p>The map grows before it fills (at {@value #GROW_AT_PERCENT}% use) and again on
 * {@code MDB_MAP_FULL}, after which the write is replayed; past {@code maxSize} a write fails with
 * {@link DatabaseFullException} and leaves nothing behind.
 */
public final class MdbEnv implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MdbEnv.class);
  static final int GROW_AT_PERCENT = 80;
  private static final int MAX_DBS = 512;
  private static final String DATA_FILE = "data.mdb";
  private static final String FLAGS_HINT =
      "--add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED";

  private final Path directory;
  private final Env<ByteBuffer> env;
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private final ReentrantLock writer = new ReentrantLock();
  private final int pageSize;
  private volatile long maxSize;
  private volatile long mapSize;

  private MdbEnv(Path directory, Env<ByteBuffer> env, long mapSize, long maxSize) {
    this.directory = directory;
    this.env = env;
    this.mapSize = mapSize;
    this.maxSize = maxSize;
    this.pageSize = env.stat().pageSize;
  }

  /**
   * Opens or creates the environment in {@code directory}.
   *
   * @param durable false sets {@code MDB_NOSYNC}: commits are not flushed (slapd's {@code dbnosync})
   * @param writeMap sets {@code MDB_WRITEMAP}: see {@link io.mdbldap.store.StoreConfig#writeMap()}
   */
  public static MdbEnv open(Path directory, long initialMapSize, long maxSize, int maxReaders, boolean durable,
      boolean writeMap) {
    requireJvmFlags();
    try {
      Files.createDirectories(directory);
      Path data = directory.resolve(DATA_FILE);
      long existing = Files.exists(data) ? Files.size(data) : 0;
      long mapSize = Math.max(Math.min(initialMapSize, maxSize), existing);
      EnvFlags[] flags = flags(durable, writeMap);
      Env<ByteBuffer> env = Env.create()
          .setMapSize(mapSize)
          .setMaxDbs(MAX_DBS)
          .setMaxReaders(maxReaders)
          .open(directory.toFile(), flags);
      int stale = env.readerCheck();
      if (stale > 0) {
        LOG.info("{}: cleared {} stale reader slots left by a dead process", directory, stale);
      }
      return new MdbEnv(directory, env, mapSize, maxSize);
    } catch (IOException | RuntimeException e) {
      throw new StoreException("cannot open LMDB environment in " + directory + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts loading lmdbjava's native binding on a daemon thread of its own, for a tool about to
   * open an environment after other start-up work (reading its configuration and schema): the
   * loading (unpacking the library, generating its Java binding) takes a few hundred milliseconds
   * of one core, which then overlap that work instead of following it. An {@link #open} that
   * comes first simply waits for the loading to finish (class initialization is done once, under
   * the JVM's lock). Nothing is loaded without the JVM flags lmdbjava needs, so that the open
   * still reports them.
   */
  public static void loadLibraryInBackground() {
    if (!jvmFlagsPresent()) {
      return;
    }
    Thread loading = new Thread(MdbEnv::loadLibrary, "lmdb-load");
    loading.setDaemon(true);
    loading.start();
  }

  private static void loadLibrary() {
    try {
      Class.forName("org.lmdbjava.Library", true, MdbEnv.class.getClassLoader());
      Class.forName("org.lmdbjava.ByteBufferProxy", true, MdbEnv.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // The open that follows fails the same way and reports it, with its context.
      LOG.debug("loading lmdbjava ahead failed: {}", e.toString());
    }
  }

  private static EnvFlags[] flags(boolean durable, boolean writeMap) {
    EnumSet<EnvFlags> flags = EnumSet.of(EnvFlags.MDB_NOTLS);
    if (!durable) {
      flags.add(EnvFlags.MDB_NOSYNC);
    }
    if (writeMap) {
      flags.add(EnvFlags.MDB_WRITEMAP);
    }
    return flags.toArray(new EnvFlags[0]);
  }

  private static boolean jvmFlagsPresent() {
    Module base = ByteBuffer.class.getModule();
    Module us = MdbEnv.class.getModule();
    return base.isOpen("java.nio", us) && base.isOpen("sun.nio.ch", us);
  }

  /** Fails at once, naming the flags, where lmdbjava could not work (it would fail deep inside). */
  private static void requireJvmFlags() {
    if (!jvmFlagsPresent()) {
      throw new StoreException("lmdbjava needs the JVM flags " + FLAGS_HINT
          + " on Java 17+; add them to the java command line (or surefire/failsafe <argLine>)");
    }
  }

  /** Opens (creating if needed) a named sub-database. */
  public Dbi<ByteBuffer> openDbi(String name, DbiFlags... flags) {
    DbiFlags[] withCreate = java.util.Arrays.copyOf(flags, flags.length + 1);
    withCreate[flags.length] = DbiFlags.MDB_CREATE;
    return env.openDbi(name, withCreate);
  }

  /** Begins a short read transaction; close it on the same thread. */
  public ReadTxn beginRead() {
    gate.readLock().lock();
    try {
      return new ReadTxn(env.txnRead(), gate.readLock());
    } catch (RuntimeException e) {
      gate.readLock().unlock();
      throw e;
    }
  }

  /**
   * Runs {@code work} in one write transaction and commits it; on {@code MDB_MAP_FULL} aborts,
   * grows the map and replays. Any exception from {@code work} aborts the transaction.
   */
  public <T> T write(WriteWork<T> work) throws LdapException {
    writer.lock();
    try {
      growIfNearlyFull();
      while (true) {
        try {
          return runOnce(work);
        } catch (Env.MapFullException e) {
          growAfterMapFull();
        }
      }
    } finally {
      writer.unlock();
    }
  }

  private <T> T runOnce(WriteWork<T> work) throws LdapException {
    gate.readLock().lock();
    try (Txn<ByteBuffer> txn = env.txnWrite()) {
      WriteTxn w = new WriteTxn(txn);
      T result = work.run(w);
      txn.commit();
      w.committed();
      return result;
    } finally {
      gate.readLock().unlock();
    }
  }

  private void growIfNearlyFull() {
    EnvInfo info = env.info();
    long used = (info.lastPageNumber + 1) * pageSize;
    if (used * 100 >= mapSize * GROW_AT_PERCENT && mapSize < maxSize) {
      resize(Math.min(maxSize, mapSize * 2));
    }
  }

  private void growAfterMapFull() {
    if (mapSize >= maxSize) {
      throw new DatabaseFullException("database full: " + directory + " has reached maxsize "
          + maxSize + " bytes; the write was not applied (raise maxsize to accept more)");
    }
    resize(Math.min(maxSize, mapSize * 2));
  }

  private void resize(long newSize) {
    gate.writeLock().lock();
    try {
      env.setMapSize(newSize);
      LOG.debug("{}: map grown from {} to {} bytes", directory, mapSize, newSize);
      mapSize = newSize;
    } finally {
      gate.writeLock().unlock();
    }
  }

  /** Hot copy to {@code destination} (created if missing, must be empty), optionally compacted. */
  public void copy(Path destination, boolean compact) {
    try {
      Files.createDirectories(destination);
      try (var files = Files.list(destination)) {
        if (files.findAny().isPresent()) {
          throw new StoreException("copy: " + destination + " is not empty");
        }
      }
    } catch (IOException e) {
      throw new StoreException("copy: cannot use " + destination + ": " + e.getMessage(), e);
    }
    gate.readLock().lock();
    try {
      env.copy(destination.toFile(), compact ? new CopyFlags[] {CopyFlags.MDB_CP_COMPACT} : new CopyFlags[0]);
    } finally {
      gate.readLock().unlock();
    }
  }

  /**
   * Flushes the data to disk, closes the environment, and cuts {@code data.mdb} back to the pages in
   * use: for the end of a bulk load into a new database opened with {@code MDB_WRITEMAP}, whose file
   * LMDB keeps as large as the map (sparse; the map grows by doubling, so up to twice the data).
   * Nothing past the last page is ever read, and LMDB's own plain copy ({@code mdb_env_copy}) writes
   * no more than that either. A crash before the cut leaves the longer file, just as valid. For a
   * database no other process has open: one that has it mapped would keep the old size.
   */
  public void closeTrimmed() {
    long used;
    try {
      sync();
      used = mapUsed();
    } finally {
      // closed whatever happens; a flush that failed is thrown, and the file is left as it is
      close();
    }
    Path data = directory.resolve(DATA_FILE);
    try (FileChannel file = FileChannel.open(data, StandardOpenOption.WRITE)) {
      if (file.size() > used) {
        file.truncate(used);
      }
    } catch (IOException e) {
      LOG.warn("{}: could not cut the file back to the {} bytes in use ({}); it stays as large as the map",
          data, used, e.toString());
    }
  }

  /** Flushes the data to disk, whatever the sync setting. */
  public void sync() {
    env.sync(true);
  }

  /**
   * Starts flushing the data written so far on a daemon thread of its own, for a writer that has
   * CPU work left before its own {@link #sync} (the end of a bulk load: its last batches and index
   * keys): the disk writes then overlap that work, and the sync has only the pages written since
   * left to write. The thread holds the map gate's read side, so a resize or {@link #close} waits
   * for it; one that starts after the close finds the environment closed and does nothing.
   */
  public void syncInBackground() {
    Thread flushing = new Thread(() -> {
      gate.readLock().lock();
      try {
        env.sync(true);
      } catch (RuntimeException e) {
        // closed first, or a failure the caller's own sync reports
        LOG.debug("{}: background flush: {}", directory, e.toString());
      } finally {
        gate.readLock().unlock();
      }
    }, "lmdb-flush");
    flushing.setDaemon(true);
    flushing.start();
  }

  /** Raises (or lowers, down to the current map) the cap on growth. */
  public void setMaxSize(long bytes) {
    this.maxSize = bytes;
  }

  public long maxSize() {
    return maxSize;
  }

  public long mapSize() {
    return mapSize;
  }

  public int pageSize() {
    return pageSize;
  }

  /** Bytes of the map in use: up to and including the last page written. */
  public long mapUsed() {
    return (env.info().lastPageNumber + 1) * pageSize;
  }

  /** Reader table slots in use, and their number. */
  public EnvInfo info() {
    return env.info();
  }

  public Path directory() {
    return directory;
  }

  /** The raw environment, for tools (hot copy) that work below the store. */
  public Env<ByteBuffer> lmdb() {
    return env;
  }

  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      env.close();
    } finally {
      gate.writeLock().unlock();
    }
  }
}
