package io.mdbldap.ldif.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mdbldap.ldif.Schemas;
import io.mdbldap.ldif.read.EntryReader;
import io.mdbldap.ldif.read.EntryRecord;
import io.mdbldap.store.BulkLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.junit.jupiter.api.Test;

/**
 * The reading thread and the loading thread share the target's preparation: whichever claims a
 * chunk first prepares it, and the loader still gets every item in input order with its line.
 */
class EntryProducerTest {
  private static final int ENTRIES = 3_000;
  /** An entry outside the suffix: a problem, at its place among the others. */
  private static final int OUTSIDE = 1_500;
  private static final int LINES_PER_ENTRY = 5;

  /** A dry run that records which thread prepared each entry (by line). */
  private static final class Recording extends DryRun {
    final Map<Integer, String> preparedBy = new ConcurrentHashMap<>();

    @Override
    public BulkLoader.Prepared prepare(EntryRecord record) {
      preparedBy.put(record.line(), Thread.currentThread().getName());
      return null;
    }
  }

  private static String ldif() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < ENTRIES; i++) {
      String suffix = i == OUTSIDE ? "dc=elsewhere,dc=org" : "dc=example,dc=com";
      s.append("dn: uid=u").append(i).append(',').append(suffix).append('\n')
          .append("objectClass: account\nuid: u").append(i).append("\ndescription: entry ").append(i).append("\n\n");
    }
    return s.toString();
  }

  @Test
  void theBytesTakenEndWhereTheTakenRecordsEnd() throws Exception {
    SchemaManager schema = Schemas.get();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // Record 255, the first chunk's last, is one the reader refuses: its bytes count all the same.
      String dn = i == 255 ? "uid=bad,,dc=example,dc=com" : "uid=u" + i + ",dc=example,dc=com";
      records.add("dn: " + dn + "\nobjectClass: account\nuid: u" + i + "\n\n");
    }
    byte[] ldif = String.join("", records).getBytes(StandardCharsets.UTF_8);
    EntryReader reader = EntryReader.of(new ByteArrayInputStream(ldif), "t", schema);
    EntryPreparer preparer = new EntryPreparer(schema, new Dn(schema, "dc=example,dc=com"), Dn.EMPTY_DN, false,
        Clock.systemUTC());
    int taken = 0;
    long bytes = 0;
    try (EntryProducer producer = EntryProducer.start(reader, preparer, new DryRun())) {
      for (boolean end = false; !end; ) {
        List<Item> chunk = producer.take();
        end = chunk.get(chunk.size() - 1) instanceof Item.End;
        int read = end ? chunk.size() - 1 : chunk.size();
        for (int i = 0; i < read; i++) {
          bytes += records.get(taken++).length();
        }
        assertEquals(bytes, producer.bytesTaken(), "after " + taken + " records");
        if (taken == 256) {
          assertInstanceOf(Item.Problem.class, chunk.get(chunk.size() - 1));
        }
      }
    }
    assertEquals(records.size(), taken);
    assertEquals(ldif.length, bytes);
  }

  @Test
  void eitherThreadPreparesAndTheLoaderGetsEveryItemInOrder() throws Exception {
    SchemaManager schema = Schemas.get();
    EntryReader reader = EntryReader.of(new ByteArrayInputStream(ldif().getBytes(StandardCharsets.UTF_8)), "t", schema);
    EntryPreparer preparer = new EntryPreparer(schema, new Dn(schema, "dc=example,dc=com"), Dn.EMPTY_DN, false,
        Clock.systemUTC());
    Recording target = new Recording();
    List<Item> items = new ArrayList<>();
    try (EntryProducer producer = EntryProducer.start(reader, preparer, target)) {
      // A busy loader first (as while it writes a round of index keys): chunks queue up, and the
      // reader prepares them. Then a quick one, waiting for each chunk: it prepares them itself.
      Thread.sleep(500);
      while (items.isEmpty() || !(items.get(items.size() - 1) instanceof Item.End)) {
        items.addAll(producer.take());
      }
    }
    assertEquals(ENTRIES + 1, items.size());
    for (int i = 0; i < ENTRIES; i++) {
      int line = 1 + i * LINES_PER_ENTRY;
      if (i == OUTSIDE) {
        Item.Problem problem = assertInstanceOf(Item.Problem.class, items.get(i));
        assertEquals(line, problem.problem().line(), problem.problem().getMessage());
      } else {
        assertEquals(line, assertInstanceOf(Item.Ready.class, items.get(i)).line());
      }
    }
    assertEquals(ENTRIES - 1, target.preparedBy.size());
    assertTrue(target.preparedBy.containsValue("ldif-reader"), "the reader prepared none");
    assertTrue(target.preparedBy.containsValue(Thread.currentThread().getName()), "the loader prepared none");
  }
}
