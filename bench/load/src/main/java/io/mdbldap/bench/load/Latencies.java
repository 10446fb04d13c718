package io.mdbldap.bench.load;

import java.util.Arrays;

/**
 * Every latency one thread measured, in nanoseconds; not thread-safe, merged once the threads end.
 * Keeping all of them (8 bytes each, a few million at most) gives exact percentiles.
 */
final class Latencies {
  private long[] nanos = new long[1 << 16];
  private int size;

  void add(long latency) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latency;
  }

  int size() {
    return size;
  }

  /** All of {@code parts} in one, sorted, for {@link #mean} and {@link #percentile}. */
  static Latencies sorted(Iterable<Latencies> parts) {
    Latencies all = new Latencies();
    for (Latencies part : parts) {
      for (int i = 0; i < part.size; i++) {
        all.add(part.nanos[i]);
      }
    }
    Arrays.sort(all.nanos, 0, all.size);
    return all;
  }

  double mean() {
    return size == 0 ? Double.NaN : Arrays.stream(nanos, 0, size).average().orElseThrow();
  }

  /** The nearest-rank percentile {@code p} (0-100) of a {@link #sorted} set. */
  long percentile(double p) {
    if (size == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100 * size);
    return nanos[Math.max(0, rank - 1)];
  }
}
