package io.mdbldap.store;

import static io.mdbldap.store.BulkLoaderTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.Txn;

/**
 * A loader that gathers index keys across batches writes the same database, record for record, as
 * one that writes them with each batch, however its rounds fall and though LMDB's map fills
 * during one.
 */
class GatheredIndexKeysTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private static final int ENTRIES = 400;
  private static final int BATCH = 7;
  private static SchemaManager schema;
  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() {
    schema = new DefaultSchemaManager();
  }

  private static IndexConfig indices() {
    return IndexConfig.builder().add("objectClass", "eq").add("cn", "eq,sub").add("sn", "eq,sub").build();
  }

  private static MdbStore open(Path where, long initialMapSize) {
    return MdbStore.open(StoreConfig.builder(where, SUFFIX).durable(false).initialMapSize(initialMapSize)
        .indices(indices()).build(), schema);
  }

  /** Names long and different enough that their substring keys outweigh the entries many times. */
  private static Entry person(int i) throws Exception {
    String name = "person number " + i + " of the gathered keys test, whose names are long " + Integer.toString(i * 7919, 36);
    return new DefaultEntry(schema, "cn=p" + i + ",ou=people," + SUFFIX, "objectClass: person",
        "cn: p" + i, "cn: " + name, "sn: " + new StringBuilder(name).reverse());
  }

  private static List<Entry> entries() throws Exception {
    List<Entry> all = new ArrayList<>();
    all.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
    // Children first, so that some batches park entries and place them later.
    for (int i = 0; i < ENTRIES; i++) {
      all.add(person(i));
      if (i == 50) {
        all.add(new DefaultEntry(schema, "ou=people," + SUFFIX, "objectClass: organizationalUnit", "ou: people"));
      }
    }
    return all;
  }

  @Test
  void roundsOfGatheredKeysWriteWhatPerBatchWritesDo() throws Exception {
    Path perBatch = loadPerBatch();
    Path gathered = dir.resolve("gathered");
    try (MdbStore store = open(gathered, 1 << 20)) {
      // A bound of a few batches' keys (some 10 KB an entry): many rounds, each with the
      // objectClass key and the shared substring keys, which must add up across them.
      BulkLoader load = store.bulkLoader((e, r) -> { }, BATCH, 256L << 10);
      List<Entry> all = entries();
      for (Entry e : all.subList(0, 201)) {
        load.add(e);
      }
      long indexed = count(store, "(objectClass=person)");
      long stored = store.stats().entries() - 2; // the suffix and ou=people
      assertTrue(indexed > 0 && indexed < stored,
          "rounds written midway, the last one pending: " + indexed + " of " + stored + " stored persons indexed");
      for (Entry e : all.subList(201, all.size())) {
        load.add(e);
      }
      load.finish();
      assertEquals(ENTRIES, count(store, "(objectClass=person)"));
      assertEquals(List.of(), store.verify());
    }
    Map<String, List<String>> expected = dump(perBatch);
    assertTrue(expected.keySet().containsAll(List.of("id2entry", "dn2id", "index.cn", "index.sn")), expected.keySet()::toString);
    assertEquals(expected, dump(gathered));
  }

  @Test
  void aLoaderToldWhereTheInputEndsSplitsItsLastRound() throws Exception {
    Path perBatch = loadPerBatch();
    Path told = dir.resolve("told");
    // A bound above all the keys (some 4 MB): no round but the split one before finish.
    long bound = 6L << 20;
    try (MdbStore untold = open(dir.resolve("untold"), 1 << 20); MdbStore store = open(told, 1 << 20)) {
      BulkLoader plain = untold.bulkLoader((e, r) -> { }, BATCH, bound);
      BulkLoader load = store.bulkLoader((e, r) -> { }, BATCH, bound);
      List<Entry> all = entries();
      for (int i = 0; i < all.size() - 50; i++) {
        plain.add(all.get(i));
        load.add(all.get(i));
        load.inputAt(i + 1, all.size());
      }
      assertEquals(0, count(untold, "(objectClass=person)"), "no round before finish without the input's size");
      long indexed = count(store, "(objectClass=person)");
      assertTrue(indexed >= ENTRIES / 2 - BATCH && indexed < ENTRIES - 50,
          "a round written once half the input was given: " + indexed + " persons indexed");
      for (Entry e : all.subList(all.size() - 50, all.size())) {
        load.add(e);
      }
      load.finish();
      assertEquals(ENTRIES, count(store, "(objectClass=person)"));
      assertEquals(List.of(), store.verify());
    }
    assertEquals(dump(perBatch), dump(told));
  }

  @Test
  void aRoundTheMapCannotHoldIsWrittenAgainOnceItGrew() throws Exception {
    Path perBatch = loadPerBatch();
    Path gathered = dir.resolve("gathered");
    try (MdbStore store = open(gathered, 64 << 10)) {
      BulkLoader load = store.bulkLoader((e, r) -> { }, BATCH, true);
      for (Entry e : entries()) {
        load.add(e);
      }
      long mapBefore = store.stats().mapSize();
      load.finish();
      // The map grows by doubling, once ahead of a write that nearly fills it: a round that more than
      // doubles the pages in use must have met MDB_MAP_FULL and been written again.
      long used = store.stats().mapUsed();
      assertTrue(used > 2 * mapBefore, "used " + used + " bytes after the round, map " + mapBefore + " before");
      assertEquals(ENTRIES, count(store, "(sn=*tset*)"));
      assertEquals(List.of(), store.verify());
    }
    assertEquals(dump(perBatch), dump(gathered));
  }

  /** The database as a loader writing each batch's index keys with it leaves it. */
  private Path loadPerBatch() throws Exception {
    Path perBatch = dir.resolve("per-batch");
    try (MdbStore store = open(perBatch, 1 << 20)) {
      BulkLoader load = store.bulkLoader((e, r) -> { }, BATCH);
      for (Entry e : entries()) {
        load.add(e);
      }
      load.finish();
    }
    return perBatch;
  }

  /** Every record of every named sub-database, in hex, by sub-database. */
  private static Map<String, List<String>> dump(Path directory) {
    Map<String, List<String>> all = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    try (Env<ByteBuffer> env = Env.create().setMaxDbs(64).open(directory.toFile(), EnvFlags.MDB_RDONLY_ENV,
        EnvFlags.MDB_NOTLS)) {
      List<byte[]> names = env.getDbiNames();
      try (Txn<ByteBuffer> txn = env.txnRead()) {
        for (byte[] name : names) {
          Dbi<ByteBuffer> db = env.openDbi(txn, name, null, false);
          List<String> records = new ArrayList<>();
          try (CursorIterable<ByteBuffer> it = db.iterate(txn)) {
            for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
              records.add(hex(hex, kv.key()) + " " + hex(hex, kv.val()));
            }
          }
          all.put(new String(name, StandardCharsets.UTF_8), records);
        }
      }
    }
    return all;
  }

  private static String hex(HexFormat hex, ByteBuffer buffer) {
    byte[] b = new byte[buffer.remaining()];
    buffer.duplicate().get(b);
    return hex.formatHex(b);
  }
}
