package io.mdbldap.backend;

import static io.mdbldap.backend.PartitionFixture.SUFFIX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.directory.api.ldap.model.cursor.Cursor;
import org.apache.directory.api.ldap.model.cursor.CursorClosedException;
import org.apache.directory.api.ldap.model.cursor.DefaultClosureMonitor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.message.AliasDerefMode;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search cursor as ApacheDS moves it: forward, one step back after the size limit, back to
 * the start, from the end all the way back; read-committed while it runs; never closed.
 */
class SearchCursorTest {
  /** More than the cursor keeps in memory, so that going back reads entries again. */
  private static final int PEOPLE = 150;

  @TempDir Path dir;
  private PartitionFixture db;

  @BeforeEach
  void open() throws Exception {
    db = PartitionFixture.open(dir);
    db.addBaseEntries();
    for (int i = 0; i < PEOPLE; i++) {
      db.add("dn: cn=p" + i + ",ou=people," + SUFFIX, "objectClass: person", "cn: p" + i, "sn: p");
    }
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  private Cursor<Entry> people() throws Exception {
    return db.search("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(sn=p)", AliasDerefMode.NEVER_DEREF_ALIASES);
  }

  private static String name(Cursor<Entry> cursor) throws Exception {
    return cursor.get().getDn().getRdn().getName();
  }

  @Test
  void previousAfterNextStepsBackToThePreviousEntry() throws Exception {
    try (Cursor<Entry> cursor = people()) {
      cursor.beforeFirst();
      cursor.next();
      cursor.next();
      assertEquals("cn=p1", name(cursor));
      assertTrue(cursor.previous());
      assertEquals("cn=p0", name(cursor));
      assertFalse(cursor.previous());
      assertTrue(cursor.next());
      assertEquals("cn=p0", name(cursor));
    }
  }

  @Test
  void whatApacheDsFiltersChangeInAResultIsUndoneWhenTheCursorComesBackToIt() throws Exception {
    try (Cursor<Entry> cursor = people()) {
      cursor.beforeFirst();
      cursor.next();
      // ApacheDS's filters change results in place (typesOnly clears values; denormalizing replaces them).
      cursor.get().get("sn").clear();
      cursor.get().removeAttributes("cn");
      cursor.next();
      assertTrue(cursor.previous());
      assertEquals("cn=p0", name(cursor));
      assertEquals("p", cursor.get().get("sn").getString());
      assertEquals("p0", cursor.get().get("cn").getString());
    }
  }

  @Test
  void fromTheEndPreviousWalksBackOverEveryEntryInReverse() throws Exception {
    List<String> forward = new ArrayList<>();
    List<String> backward = new ArrayList<>();
    try (Cursor<Entry> cursor = people()) {
      while (cursor.next()) {
        forward.add(name(cursor));
      }
      cursor.afterLast();
      while (cursor.previous()) {
        backward.add(0, name(cursor));
      }
    }
    assertEquals(PEOPLE, forward.size());
    assertEquals(forward, backward);
  }

  @Test
  void firstStartsOverAfterTheCursorHasMovedFar() throws Exception {
    try (Cursor<Entry> cursor = people()) {
      for (int i = 0; i < 120; i++) {
        cursor.next();
      }
      assertTrue(cursor.first());
      assertEquals("cn=p0", name(cursor));
    }
  }

  @Test
  void entriesDeletedAheadOfTheCursorAreNotReturned() throws Exception {
    int seen = 0;
    try (Cursor<Entry> cursor = people()) {
      while (cursor.next()) {
        if (++seen == 10) {
          for (int i = 100; i < 120; i++) {
            db.delete("cn=p" + i + ",ou=people," + SUFFIX);
          }
        }
      }
    }
    assertEquals(PEOPLE - 20, seen);
  }

  @Test
  void anEntryDeletedBehindTheCursorIsSkippedWhenSteppingBackToIt() throws Exception {
    try (Cursor<Entry> cursor = people()) {
      while (cursor.next()) {
        // read everything: p0 is now far behind, out of the entries kept in memory
      }
      db.delete("cn=p0,ou=people," + SUFFIX);
      assertTrue(cursor.first());
      assertEquals("cn=p1", name(cursor));
    }
  }

  @Test
  void aClosedTimeLimitMonitorStopsTheSearch() throws Exception {
    try (Cursor<Entry> cursor = people()) {
      DefaultClosureMonitor monitor = new DefaultClosureMonitor();
      cursor.setClosureMonitor(monitor);
      assertTrue(cursor.next());
      monitor.close("time limit exceeded");
      assertThrows(CursorClosedException.class, cursor::next);
    }
  }

  @Test
  void cursorsThatAreNeverClosedHoldNoLmdbReaders() throws Exception {
    List<Cursor<Entry>> abandoned = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Cursor<Entry> cursor = people();
      assertTrue(cursor.next());
      abandoned.add(cursor);
    }
    db.add("dn: cn=late,ou=people," + SUFFIX, "objectClass: person", "cn: late", "sn: p");
    assertEquals(PEOPLE + 1, db.dns("ou=people," + SUFFIX, SearchScope.ONELEVEL, "(sn=p)").size());
    assertTrue(abandoned.get(0).next());
  }
}
