package io.mdbldap.bench;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Point reads on the 100,000-entry store (durable, as a server runs it), each on a random one of
 * 16,384 users drawn from all 100,000: DN to ID, DN to entry, ID to entry, and an indexed equality
 * search that finds one entry. The DNs and filters are parsed (schema-aware) beforehand, so the
 * figures are the store's own work: DN normalization checks, dn2id walk, id2entry get, decoding.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class StoreReadBench {
  private MdbStore store;
  private Dn suffix;
  private Dn[] dns;
  private long[] ids;
  private ExprNode[] uidFilters;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Fixture fixture = Fixture.get();
    SchemaManager sm = fixture.schemaManager();
    store = fixture.openStore();
    suffix = new Dn(sm, Fixture.SUFFIX);
    int[] sample = Fixture.sample(Cursor.SAMPLE, 42);
    dns = new Dn[sample.length];
    ids = new long[sample.length];
    uidFilters = new ExprNode[sample.length];
    for (int i = 0; i < sample.length; i++) {
      dns[i] = new Dn(sm, Fixture.userDn(sample[i]));
      OptionalLong id = store.idOf(dns[i]);
      if (id.isEmpty()) {
        throw new IllegalStateException("the fixture has no " + dns[i]);
      }
      ids[i] = id.getAsLong();
      uidFilters[i] = FilterParser.parse(sm, "(uid=user" + sample[i] + ")");
    }
    // The benchmarks below must measure what they claim.
    for (int i = 0; i < 16; i++) {
      Entry e = searchOne(i);
      if (e == null || !e.getDn().equals(dns[i])) {
        throw new IllegalStateException("(uid=user" + sample[i] + ") did not find exactly " + dns[i] + " but " + e);
      }
      if (!store.lookup(dns[i]).getDn().equals(dns[i]) || !store.lookup(ids[i]).getDn().equals(dns[i])) {
        throw new IllegalStateException("lookup of " + dns[i] + " gave another entry");
      }
    }
    Fixture.log(String.format("store open: %,d entries, %.0f bytes per encoded entry", store.stats().entries(),
        fixture.averageEntryBytes()));
  }

  @TearDown(Level.Trial)
  public void close() {
    if (store != null) {
      store.close();
    }
  }

  /** DN to ID: the dn2id walk, one level per RDN below the suffix. */
  @Benchmark
  public long idOf(Cursor c) throws LdapException {
    return store.idOf(dns[c.next()]).getAsLong();
  }

  /** DN to entry: the dn2id walk, then the id2entry get and the decoding. */
  @Benchmark
  public Entry lookupDn(Cursor c) throws LdapException {
    return store.lookup(dns[c.next()]);
  }

  /** ID to entry: the id2entry get and the decoding only. */
  @Benchmark
  public Entry lookupId(Cursor c) throws LdapException {
    return store.lookup(ids[c.next()]);
  }

  /** (uid=userN) over the whole suffix, subtree scope: index lookup, one candidate, decode, match, its DN. */
  @Benchmark
  public Entry eqSearch(Cursor c) throws LdapException {
    return searchOne(c.next());
  }

  private Entry searchOne(int i) throws LdapException {
    SearchSpec spec = SearchSpec.builder(suffix).scope(Scope.SUB).filter(uidFilters[i]).build();
    try (SearchCursor cursor = store.search(spec)) {
      Entry first = cursor.next();
      if (first != null && cursor.next() != null) {
        throw new IllegalStateException("more than one entry for " + uidFilters[i]);
      }
      return first;
    }
  }
}
