package io.mdbldap.store;

import io.mdbldap.store.core.Tables;
import io.mdbldap.store.env.ReadTxn;
import io.mdbldap.store.index.AttributeIndex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.lmdbjava.Dbi;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.Stat;

/** Reads {@link StoreStats}: LMDB's own statistics for each sub-database, plus the store's. */
final class StatsReader {
  private StatsReader() {}

  static StoreStats read(Tables t, boolean reindexNeeded, String storedIndexConfig, int maxReaders) {
    try (ReadTxn r = t.env().beginRead()) {
      List<StoreStats.Db> dbs = new ArrayList<>();
      dbs.add(db("id2entry", t.id2entry().dbi(), r));
      dbs.add(db("dn2id", t.dn2id().dbi(), r));
      for (AttributeIndex index : t.indices().all()) {
        dbs.add(db("index." + index.type().getName(), index.dbi(), r));
      }
      EnvInfo info = t.env().info();
      long entries = dbs.get(0).entries();
      return new StoreStats(entries, t.meta().nextId(r.txn()), t.env().mapSize(), t.env().mapUsed(),
          t.env().maxSize(), t.env().pageSize(), info.numReaders, maxReaders, storedIndexConfig,
          reindexNeeded, dbs);
    }
  }

  private static StoreStats.Db db(String name, Dbi<ByteBuffer> dbi, ReadTxn r) {
    Stat s = dbi.stat(r.txn());
    return new StoreStats.Db(name, s.entries, s.depth, s.branchPages, s.leafPages, s.overflowPages);
  }
}
