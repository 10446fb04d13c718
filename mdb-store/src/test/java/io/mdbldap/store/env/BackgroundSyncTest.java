package io.mdbldap.store.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * {@link MdbEnv#syncInBackground()} beside the writes it overlaps: the map grows while it runs, the
 * environment closes while it runs, and every record written before and after is there on reopening.
 */
class BackgroundSyncTest {
  private static final int VALUE = 2_000;

  @TempDir Path dir;

  @Test
  void writesThatGrowTheMapAndACloseWaitForTheFlush() throws Exception {
    long startMap;
    long grownMap;
    try (MdbEnv env = open()) {
      Dbi<ByteBuffer> records = env.openDbi("records");
      startMap = env.mapSize();
      put(env, records, 0, 500);
      env.syncInBackground();
      // Over 2 MB more: the 1 MB map grows, while the flush may still hold its gate.
      put(env, records, 500, 1_700);
      env.syncInBackground();
      grownMap = env.mapSize();
    }
    assertTrue(grownMap > startMap, "the map grew from " + startMap + " to " + grownMap);
    try (MdbEnv env = open()) {
      Dbi<ByteBuffer> records = env.openDbi("records");
      try (Txn<ByteBuffer> txn = env.lmdb().txnRead()) {
        for (long id = 0; id < 1_700; id++) {
          ByteBuffer value = records.get(txn, Bytes.idKey(id));
          assertEquals(VALUE, value == null ? -1 : value.remaining(), "record " + id);
          assertEquals(id, value.getLong(0));
        }
      }
    }
  }

  @Test
  void aFlushStartedJustBeforeTheCloseLeavesTheEnvironmentWhole() throws Exception {
    try (MdbEnv env = open()) {
      put(env, env.openDbi("records"), 0, 100);
      env.syncInBackground();
    }
    try (MdbEnv env = open()) {
      Dbi<ByteBuffer> records = env.openDbi("records");
      try (Txn<ByteBuffer> txn = env.lmdb().txnRead()) {
        assertEquals(100, records.stat(txn).entries);
      }
    }
  }

  private MdbEnv open() {
    return MdbEnv.open(dir, 1 << 20, 1 << 26, 8, false, true);
  }

  private static void put(MdbEnv env, Dbi<ByteBuffer> records, long from, long to) throws LdapException {
    for (long first = from; first < to; first += 50) {
      long start = first;
      env.write(w -> {
        for (long id = start; id < Math.min(start + 50, to); id++) {
          ByteBuffer value = Bytes.allocate(VALUE);
          value.putLong(0, id).limit(VALUE);
          records.put(w.txn(), Bytes.idKey(id), value);
        }
        return null;
      });
    }
  }
}
