package io.mdbldap.bench;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** Per-thread position in a benchmark's random sample; each thread starts somewhere else. */
@State(Scope.Thread)
public class Cursor {
  /** The sample size: a power of two, so the index wraps with a mask. */
  public static final int SAMPLE = 1 << 14;
  private static final int MASK = SAMPLE - 1;

  private int i = ThreadLocalRandom.current().nextInt(SAMPLE);

  /** The next index into the sample. */
  public int next() {
    return i++ & MASK;
  }
}
