package io.mdbldap.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical limit: plain lmdbjava on a separate environment holding a copy of the store's
 * id2entry (the same 8-byte big-endian keys and the same encoded-entry bytes, ~100,000 records):
 * open a read transaction, {@code Dbi.get} a random key, close it. That is the least work any
 * read of one entry can do. {@code rawGet} touches the value in place; {@code rawGetCopy} copies it
 * to a byte[] as the store does before decoding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class RawLmdbBench {
  private Env<ByteBuffer> env;
  private Dbi<ByteBuffer> dbi;
  private ByteBuffer[] keys;

  @Setup(Level.Trial)
  public void open() {
    Fixture fixture = Fixture.get();
    env = fixture.openRaw();
    dbi = Fixture.openExisting(env, "id2entry");
    List<Long> all = new ArrayList<>();
    try (Txn<ByteBuffer> txn = env.txnRead(); CursorIterable<ByteBuffer> it = dbi.iterate(txn)) {
      for (CursorIterable.KeyVal<ByteBuffer> kv : it) {
        all.add(kv.key().order(ByteOrder.BIG_ENDIAN).getLong(0));
      }
    }
    if (all.size() < Fixture.USERS) {
      throw new IllegalStateException("the raw copy holds " + all.size() + " records");
    }
    Random rnd = new Random(42);
    keys = new ByteBuffer[Cursor.SAMPLE];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = ByteBuffer.allocateDirect(8).order(ByteOrder.BIG_ENDIAN).putLong(0, all.get(rnd.nextInt(all.size())));
    }
    Fixture.log(String.format("raw env: %,d records, %.0f bytes per value on average", all.size(), fixture.averageEntryBytes()));
  }

  @TearDown(Level.Trial)
  public void close() {
    if (env != null) {
      env.close();
    }
  }

  /** Read transaction + get; reads one byte of the value. */
  @Benchmark
  public byte rawGet(Cursor c) {
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      ByteBuffer v = dbi.get(txn, keys[c.next()]);
      return v.get(v.limit() - 1);
    }
  }

  /** Read transaction + get + copy of the value to the heap. */
  @Benchmark
  public byte[] rawGetCopy(Cursor c) {
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      ByteBuffer v = dbi.get(txn, keys[c.next()]);
      byte[] out = new byte[v.remaining()];
      v.get(out);
      return out;
    }
  }
}
