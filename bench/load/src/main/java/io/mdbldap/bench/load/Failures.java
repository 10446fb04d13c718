package io.mdbldap.bench.load;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** The failed or wrong answers of a run, counted across its threads, with the first few kept to print. */
final class Failures {
  private static final int KEPT = 10;

  private final AtomicLong count = new AtomicLong();
  private final ConcurrentLinkedQueue<String> first = new ConcurrentLinkedQueue<>();

  void add(String what) {
    if (count.incrementAndGet() <= KEPT) {
      first.add(what);
    }
  }

  long count() {
    return count.get();
  }

  /** The first failures, at most ten, in about the order they happened. */
  List<String> first() {
    return List.copyOf(first);
  }
}
