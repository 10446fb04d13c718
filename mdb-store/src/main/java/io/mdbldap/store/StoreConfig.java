package io.mdbldap.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open one store: the equivalent of a slapd.conf {@code database mdb} section.
 *
 * <p>Immutable; build with {@link #builder(Path, String)}.
 */
public final class StoreConfig {
  /** slapd's default of 10 MiB is too small for anything real; ours is 10 GiB (the file is sparse). */
  public static final long DEFAULT_MAX_SIZE = 10L << 30;
  /** The map starts at this size (or the file's size, if larger) and grows towards maxSize. */
  public static final long DEFAULT_INITIAL_MAP_SIZE = 64L << 20;
  /** LMDB's own default reader table size is 126; ApacheDS keeps more cursors open than slapd. */
  public static final int DEFAULT_MAX_READERS = 256;

  private final Path directory;
  private final String suffix;
  private final long maxSize;
  private final long initialMapSize;
  private final int maxReaders;
  private final IndexConfig indices;
  private final boolean durable;
  private final boolean writeMap;

  private StoreConfig(Builder b) {
    this.directory = b.directory;
    this.suffix = b.suffix;
    this.maxSize = b.maxSize;
    this.initialMapSize = Math.min(b.initialMapSize, b.maxSize);
    this.maxReaders = b.maxReaders;
    this.indices = b.indices;
    this.durable = b.durable;
    this.writeMap = b.writeMap;
  }

  /** Starts a configuration for the database in {@code directory} holding the tree below {@code suffix}. */
  public static Builder builder(Path directory, String suffix) {
    return new Builder(directory, suffix);
  }

  /** The directory holding {@code data.mdb} and {@code lock.mdb}; created if missing. */
  public Path directory() {
    return directory;
  }

  /** The suffix (naming context) as a DN string. */
  public String suffix() {
    return suffix;
  }

  /** The hard cap on the map, in bytes: slapd's {@code maxsize}. */
  public long maxSize() {
    return maxSize;
  }

  /** The map size to start with, in bytes. */
  public long initialMapSize() {
    return initialMapSize;
  }

  /** LMDB reader table slots: the number of read transactions open at once. */
  public int maxReaders() {
    return maxReaders;
  }

  /** The attribute indices. */
  public IndexConfig indices() {
    return indices;
  }

  /** Whether every commit is flushed to disk before it returns (slapd's default; off = {@code dbnosync}). */
  public boolean durable() {
    return durable;
  }

  /**
   * Whether LMDB writes pages straight into the map ({@code MDB_WRITEMAP}, as {@code slapadd -q}
   * opens it) instead of building them in memory and writing them out at commit: less copying for
   * a bulk load. The file is then as large as the map (sparse) until it is cut back to the pages
   * in use ({@link MdbStore#closeTrimmed}).
   */
  public boolean writeMap() {
    return writeMap;
  }

  /** Builds a {@link StoreConfig}. */
  public static final class Builder {
    private final Path directory;
    private final String suffix;
    private long maxSize = DEFAULT_MAX_SIZE;
    private long initialMapSize = DEFAULT_INITIAL_MAP_SIZE;
    private int maxReaders = DEFAULT_MAX_READERS;
    private IndexConfig indices = IndexConfig.none();
    private boolean durable = true;
    private boolean writeMap;

    private Builder(Path directory, String suffix) {
      this.directory = Objects.requireNonNull(directory, "directory");
      this.suffix = Objects.requireNonNull(suffix, "suffix");
    }

    public Builder maxSize(long bytes) {
      this.maxSize = bytes;
      return this;
    }

    public Builder initialMapSize(long bytes) {
      this.initialMapSize = bytes;
      return this;
    }

    public Builder maxReaders(int readers) {
      this.maxReaders = readers;
      return this;
    }

    public Builder indices(IndexConfig config) {
      this.indices = Objects.requireNonNull(config, "indices");
      return this;
    }

    public Builder durable(boolean flushEveryCommit) {
      this.durable = flushEveryCommit;
      return this;
    }

    public Builder writeMap(boolean writeIntoTheMap) {
      this.writeMap = writeIntoTheMap;
      return this;
    }

    public StoreConfig build() {
      return new StoreConfig(this);
    }
  }
}
