package io.mdbldap.bench;

import io.mdbldap.store.MdbStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.schema.SchemaManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding one entry (one LMDB write transaction: id2entry, dn2id with the parent's counts, the
 * objectClass/uid/cn/mail indices) to a private copy of the 100,000-entry store, new users spread
 * over the 100 groups. {@code durable=true} is the default, every commit flushed (fsync) before it
 * returns; {@code durable=false} is {@code dbnosync}. Building the Entry is included; {@link
 * EntryBench#buildEntry} measures that part alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class AddBench {
  @Param({"true", "false"})
  public boolean durable;

  private SchemaManager sm;
  private Path dir;
  private MdbStore store;
  private long next = 1_000_000;

  @Setup(Level.Trial)
  public void open() {
    Fixture fixture = Fixture.get();
    sm = fixture.schemaManager();
    dir = fixture.copyStore();
    store = MdbStore.open(Fixture.config(dir, durable), sm);
  }

  @TearDown(Level.Trial)
  public void close() {
    if (store != null) {
      store.close();
    }
    Fixture.delete(dir);
  }

  @Benchmark
  public long add() throws LdapException {
    return store.add(Fixture.user(sm, next++));
  }
}
