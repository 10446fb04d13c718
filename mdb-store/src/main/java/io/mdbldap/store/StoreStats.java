package io.mdbldap.store;

import java.util.List;

/**
 * A snapshot of a store's size and shape, as {@code mdb_stat} and {@code slapcat}'s users expect.
 *
 * @param entries entries in the database
 * @param nextId the ID the next added entry will get
 * @param mapSize the current LMDB map size in bytes
 * @param mapUsed bytes of the map in use (last page used, times the page size)
 * @param maxSize the configured cap on the map in bytes
 * @param pageSize the LMDB page size
 * @param readers reader table slots in use
 * @param maxReaders reader table slots
 * @param indexConfig the index configuration stored in the database
 * @param reindexNeeded whether the stored index configuration differs from the configured one
 * @param databases per sub-database statistics
 */
public record StoreStats(
    long entries,
    long nextId,
    long mapSize,
    long mapUsed,
    long maxSize,
    int pageSize,
    int readers,
    int maxReaders,
    String indexConfig,
    boolean reindexNeeded,
    List<Db> databases) {

  /**
   * Statistics of one LMDB sub-database.
   *
   * @param name the sub-database name
   * @param entries records (for DUPSORT databases, every duplicate counts)
   * @param depth B-tree depth
   * @param branchPages internal pages
   * @param leafPages leaf pages
   * @param overflowPages overflow pages (values larger than a page)
   */
  public record Db(String name, long entries, int depth, long branchPages, long leafPages, long overflowPages) {}
}
