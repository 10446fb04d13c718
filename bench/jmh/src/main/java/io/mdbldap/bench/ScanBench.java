package io.mdbldap.bench;

import io.mdbldap.store.MdbStore;
import io.mdbldap.store.Scope;
import io.mdbldap.store.SearchCursor;
import io.mdbldap.store.SearchSpec;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 1,000-entry scan: a search of one {@code ou=groupK} (1,000 users; K rotates over the 100
 * groups) with {@code (objectClass=*)}, every entry read, decoded and handed back. {@code ONE}
 * returns the 1,000 children, {@code SUB} the group too (1,001). Divide by 1,000 for the cost
 * per entry.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class ScanBench {
  @Param({"ONE", "SUB"})
  public String scope;

  private MdbStore store;
  private Dn[] groups;
  private ExprNode all;
  private Scope searchScope;
  private int group;

  @Setup(Level.Trial)
  public void open() throws Exception {
    Fixture fixture = Fixture.get();
    SchemaManager sm = fixture.schemaManager();
    store = fixture.openStore();
    searchScope = Scope.valueOf(scope);
    all = FilterParser.parse(sm, "(objectClass=*)");
    groups = new Dn[Fixture.GROUPS];
    for (int k = 0; k < groups.length; k++) {
      groups[k] = new Dn(sm, Fixture.groupDn(k));
    }
    long want = searchScope == Scope.ONE ? Fixture.PER_GROUP : Fixture.PER_GROUP + 1;
    for (int k = 0; k < 3; k++) {
      long got = scan(groups[k], null);
      if (got != want) {
        throw new IllegalStateException(scope + " search of " + groups[k] + " returned " + got + " entries, not " + want);
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() {
    if (store != null) {
      store.close();
    }
  }

  @Benchmark
  public long scan(Blackhole bh) throws LdapException {
    group = (group + 1) % groups.length;
    return scan(groups[group], bh);
  }

  private long scan(Dn base, Blackhole bh) throws LdapException {
    SearchSpec spec = SearchSpec.builder(base).scope(searchScope).filter(all).build();
    long n = 0;
    try (SearchCursor cursor = store.search(spec)) {
      for (Entry e = cursor.next(); e != null; e = cursor.next()) {
        if (bh != null) {
          bh.consume(e);
        }
        n++;
      }
    }
    return n;
  }
}
