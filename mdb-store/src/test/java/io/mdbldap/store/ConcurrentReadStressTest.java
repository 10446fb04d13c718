package io.mdbldap.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.directory.api.ldap.model.entry.DefaultEntry;
import org.apache.directory.api.ldap.model.entry.DefaultModification;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.ModificationOperation;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.apache.directory.api.ldap.schema.manager.impl.DefaultSchemaManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many readers (more threads than cores) against one store while a writer commits unrelated
 * entries: every answer is checked against the known, never-changing set of users. It looks for
 * read races in the store's shared state (thread-local scratch buffers, reader transactions,
 * the DN caches, the ad2i dictionary growing while read, cursors handed to another thread and
 * closed late, the map growing under readers).
 *
 * <p>Bounded for CI; {@code -Dstress.seconds=600} runs it longer for hunting.
 */
class ConcurrentReadStressTest {
  private static final String SUFFIX = "dc=example,dc=com";
  private static final int UNITS = 8;
  private static final int USERS_PER_UNIT = 250;
  private static final int READERS = 12;
  private static final long SECONDS = Long.getLong("stress.seconds", 15);

  @TempDir Path dir;
  private final AtomicLong operations = new AtomicLong();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  /** The DN and description tag of the writer's last committed churn entry, for readers to check. */
  private volatile String[] lastCommitted;
  private long[] userIds;
  private Dn[] userDns;
  private MdbStore store;
  private SchemaManager schema;

  @Test
  void readersAlwaysSeeEveryUserWhileAWriterCommits() throws Exception {
    schema = new DefaultSchemaManager();
    // A small first map, so the writer grows it while readers hold read transactions.
    store = MdbStore.open(StoreConfig.builder(dir, SUFFIX).durable(false).initialMapSize(1L << 20)
        .indices(IndexConfig.builder().add("objectClass,uid,cn", "eq").add("description", "eq").build()).build(),
        schema);
    try {
      loadUsers();
      ExecutorService pool = Executors.newFixedThreadPool(READERS + 2);
      ExecutorService handoff = Executors.newFixedThreadPool(READERS / 2);
      List<Future<?>> tasks = new ArrayList<>();
      tasks.add(pool.submit(this::write));
      for (int i = 0; i < READERS; i++) {
        tasks.add(pool.submit(() -> read(handoff)));
      }
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      while (System.nanoTime() < until && failures.isEmpty()) {
        Thread.sleep(100);
      }
      running = false;
      for (Future<?> task : tasks) {
        task.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
      handoff.shutdown();
      assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())),
          failures.size() + " wrong answers in " + operations.get() + " reads");
      assertTrue(operations.get() > 1000, "only " + operations.get() + " reads ran");
      System.out.printf("ConcurrentReadStressTest: %d reads by %d threads in %d s, no wrong answer%n",
          operations.get(), READERS, SECONDS);
    } finally {
      store.close();
    }
  }

  private void loadUsers() throws Exception {
    store.add(new DefaultEntry(schema, SUFFIX, "objectClass: domain", "dc: example"));
    store.add(new DefaultEntry(schema, "ou=churn," + SUFFIX, "objectClass: organizationalUnit", "ou: churn"));
    userIds = new long[UNITS * USERS_PER_UNIT];
    userDns = new Dn[userIds.length];
    for (int u = 0; u < UNITS; u++) {
      store.add(new DefaultEntry(schema, unitDn(u), "objectClass: organizationalUnit", "ou: unit" + u));
      for (int k = 0; k < USERS_PER_UNIT; k++) {
        int n = u * USERS_PER_UNIT + k;
        userDns[n] = new Dn(schema, userDn(n));
        userIds[n] = store.add(new DefaultEntry(schema, userDn(n), "objectClass: inetOrgPerson",
            "uid: user" + n, "cn: User " + n, "sn: " + n));
      }
    }
  }

  private static String unitDn(int unit) {
    return "ou=unit" + unit + "," + SUFFIX;
  }

  private static String userDn(int n) {
    return "uid=user" + n + "," + unitDn(n / USERS_PER_UNIT);
  }

  /**
   * Adds, modifies and deletes entries outside the users' subtrees; each new entry brings a new
   * attribute description (a language tag), so ad2i grows while readers decode.
   */
  private Void write() throws Exception {
    long serial = 0;
    while (running) {
      serial++;
      String dn = "cn=c" + serial + ",ou=churn," + SUFFIX;
      String tagged = "description;lang-x" + serial;
      store.add(new DefaultEntry(schema, dn, "objectClass: person", "cn: c" + serial, "sn: churn",
          tagged + ": " + serial, "description: filler " + "x".repeat((int) (serial % 2000))));
      store.modify(new Dn(schema, dn), List.of(new DefaultModification(ModificationOperation.REPLACE_ATTRIBUTE,
          "sn", "churned")));
      lastCommitted = new String[] {dn, tagged, Long.toString(serial)};
      if (serial > 50) {
        store.delete(new Dn(schema, "cn=c" + (serial - 50) + ",ou=churn," + SUFFIX));
      }
    }
    return null;
  }

  private Void read(ExecutorService handoff) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (running && failures.size() < 20) {
      int n = random.nextInt(userIds.length);
      try {
        // Mostly the single-entry reads the server answers on its I/O threads; some walks.
        switch (random.nextInt(20)) {
          case 0, 1, 2, 3 -> lookupByDn(n, random.nextBoolean());
          case 4, 5, 6 -> lookupById(n);
          case 7, 8, 9, 10 -> baseSearch(n);
          case 11, 12, 13, 14 -> eqSearch(n);
          case 15 -> walkUnit(n / USERS_PER_UNIT, null);
          case 16 -> walkUnit(n / USERS_PER_UNIT, handoff);
          case 17 -> walkChurn();
          default -> readChurn();
        }
        operations.incrementAndGet();
      } catch (Throwable e) {
        failures.add(Thread.currentThread().getName() + " user" + n + ": " + e);
      }
    }
    return null;
  }

  private void lookupByDn(int n, boolean schemaAware) throws Exception {
    Dn dn = schemaAware ? new Dn(schema, userDn(n)) : new Dn(userDn(n));
    check(n, store.lookup(dn), "lookup by DN");
    check(store.exists(dn), "exists", n);
    check(store.idOf(dn).orElse(-1) == userIds[n], "idOf", n);
  }

  private void lookupById(int n) throws Exception {
    check(n, store.lookup(userIds[n]), "lookup by ID");
  }

  private void baseSearch(int n) throws Exception {
    List<Entry> found = search(userDn(n), Scope.BASE, "(objectClass=*)");
    check(found.size() == 1, "base search found " + found.size(), n);
    check(n, found.get(0), "base search");
  }

  private void eqSearch(int n) throws Exception {
    List<Entry> found = search(SUFFIX, Scope.SUB, "(uid=user" + n + ")");
    check(found.size() == 1, "eq search found " + found.size(), n);
    check(n, found.get(0), "eq search");
  }

  /**
   * Reads a unit one level down; with {@code handoff}, the cursor is opened here, iterated on
   * another thread, with a lookup between entries, and closed back here, late.
   */
  private void walkUnit(int unit, ExecutorService handoff) throws Exception {
    SearchCursor cursor = store.search(SearchSpec.builder(new Dn(unitDn(unit))).scope(Scope.ONE)
        .filter(FilterParser.parse("(objectClass=inetOrgPerson)")).build());
    try {
      int count = handoff == null ? drain(cursor, unit) : handoff.submit(() -> drain(cursor, unit)).get();
      check(count == USERS_PER_UNIT, "unit walk found " + count, unit * USERS_PER_UNIT);
    } finally {
      cursor.close();
    }
  }

  private int drain(SearchCursor cursor, int unit) throws Exception {
    int count = 0;
    for (Entry e = cursor.next(); e != null; e = cursor.next()) {
      int n = Integer.parseInt(e.get("uid").getString().substring(4));
      check(n / USERS_PER_UNIT == unit && cursor.id() == userIds[n], "unit walk misplaced " + e.getDn(), n);
      check(n, e, "unit walk");
      if (count % 50 == 0) {
        lookupById(ThreadLocalRandom.current().nextInt(userIds.length));
      }
      count++;
    }
    return count;
  }

  /** The writer's last committed entry, with its new attribute description, if it is still there. */
  private void readChurn() throws Exception {
    String[] last = lastCommitted;
    if (last == null) {
      return;
    }
    Entry e = store.lookup(new Dn(last[0]));
    if (e != null) {
      check(last[2].equals(e.get(last[1]).getString()), "churn entry lacks " + last[1] + ": " + e, -1);
    }
  }

  /**
   * Every churn entry, read as soon as it is committed: each has a description with a language
   * tag no entry had before, which must decode whole.
   */
  private void walkChurn() throws Exception {
    for (Entry e : search("ou=churn," + SUFFIX, Scope.ONE, "(objectClass=*)")) {
      String serial = e.get("cn").getString().substring(1);
      check(e.get("description;lang-x" + serial) != null, "churn entry lacks its tagged description: " + e, -1);
    }
  }

  private List<Entry> search(String base, Scope scope, String filter) throws Exception {
    List<Entry> found = new ArrayList<>();
    try (SearchCursor c = store.search(SearchSpec.builder(new Dn(base)).scope(scope)
        .filter(FilterParser.parse(filter)).timeLimit(Duration.ZERO).build())) {
      for (Entry e = c.next(); e != null; e = c.next()) {
        found.add(e);
      }
    }
    return found;
  }

  private void check(int n, Entry e, String what) {
    if (e == null) {
      check(false, what + " found nothing", n);
      return;
    }
    check(e.getDn().equals(userDns[n]), what + " named " + e.getDn(), n);
    check(e.contains("uid", "user" + n) && e.contains("cn", "User " + n), what + " read " + e, n);
  }

  private void check(boolean ok, String what, int n) {
    if (!ok) {
      failures.add(Thread.currentThread().getName() + " user" + n + ": " + what);
    }
  }
}
