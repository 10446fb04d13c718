package io.mdbldap.store.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.store.IndexKind;
import io.mdbldap.store.env.MdbEnv;
import io.mdbldap.store.env.ReadTxn;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched index writes on a real LMDB index: a key's IDs go in with one {@code MDB_MULTIPLE} put,
 * except where the key already holds one of them or a later one (LMDB's multiple put would stop
 * quietly at an existing pair, losing the rest).
 */
class PostingsTest {
  private static final byte[] KEY = IndexKeys.equality("smith".getBytes(StandardCharsets.UTF_8));
  private static final byte[] OTHER = IndexKeys.equality("jones".getBytes(StandardCharsets.UTF_8));
  private static SchemaManager schema;
  @TempDir Path dir;
  private MdbEnv env;
  private AttributeIndex index;

  @BeforeAll
  static void loadSchema() {
    schema = new DefaultSchemaManager();
  }

  @BeforeEach
  void open() {
    env = MdbEnv.open(dir, 1 << 24, 1 << 26, 8, false, false);
    Set<IndexKind> eq = EnumSet.of(IndexKind.EQUALITY);
    index = new AttributeIndex(env, schema, schema.getAttributeType("sn"), eq, eq);
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void idsOfManyEntriesLandUnderTheirKeys() throws Exception {
    write(List.of(entry(3, KEY), entry(4, KEY, OTHER), entry(9, KEY), entry(12, OTHER)));
    assertArrayEquals(new long[] {3, 4, 9}, ids(KEY));
    assertArrayEquals(new long[] {4, 12}, ids(OTHER));
  }

  @Test
  void idsAfterTheStoredOnesAreAppended() throws Exception {
    write(List.of(entry(1, KEY)));
    write(List.of(entry(2, KEY), entry(3, KEY), entry(4, KEY)));
    assertArrayEquals(new long[] {1, 2, 3, 4}, ids(KEY));
  }

  @Test
  void aKeyHoldingOneOfTheIdsAlreadyGetsAllTheOthers() throws Exception {
    write(List.of(entry(5, KEY), entry(10, KEY)));
    write(List.of(entry(5, KEY), entry(7, KEY), entry(12, KEY)));
    assertArrayEquals(new long[] {5, 7, 10, 12}, ids(KEY));
  }

  @Test
  void idsGivenOutOfOrderAreSortedFirst() throws Exception {
    write(List.of(entry(8, KEY), entry(2, KEY), entry(5, KEY)));
    assertArrayEquals(new long[] {2, 5, 8}, ids(KEY));
  }

  @Test
  void manyKeysGivenInAnyOrderGoInInKeyOrder() throws Exception {
    // Into an empty index the sorted keys are appended: one out of LMDB's order would fail the write.
    List<String> names = new ArrayList<>();
    for (int n = 0; n < 1000; n++) {
      names.add("name" + n); // "name10" sorts before "name2": byte order, not number order
      names.add("names that share their first bytes " + n);
    }
    Collections.shuffle(names, new Random(4));
    List<Map.Entry<Long, Map<AttributeIndex, Set<ByteBuffer>>>> entries = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      entries.add(entry(i + 1, key(names.get(i))));
    }
    write(entries);
    try (ReadTxn r = env.beginRead()) {
      for (int i = 0; i < names.size(); i++) {
        assertTrue(index.read(r.txn(), key(names.get(i))).contains(i + 1), names.get(i));
      }
    }
  }

  private static byte[] key(String value) {
    return IndexKeys.equality(value.getBytes(StandardCharsets.UTF_8));
  }

  private Map.Entry<Long, Map<AttributeIndex, Set<ByteBuffer>>> entry(long id, byte[]... keys) {
    Set<ByteBuffer> set = new HashSet<>();
    for (byte[] key : keys) {
      set.add(ByteBuffer.wrap(key));
    }
    return Map.entry(id, Map.of(index, set));
  }

  private void write(List<Map.Entry<Long, Map<AttributeIndex, Set<ByteBuffer>>>> entries) throws Exception {
    Postings postings = new Postings();
    entries.forEach(e -> postings.add(e.getKey(), e.getValue()));
    env.write(w -> {
      postings.write(w.txn());
      return null;
    });
  }

  private long[] ids(byte[] key) {
    try (ReadTxn r = env.beginRead()) {
      IdSet set = index.read(r.txn(), key);
      return LongStream.rangeClosed(1, 20).filter(set::contains).toArray();
    }
  }
}
