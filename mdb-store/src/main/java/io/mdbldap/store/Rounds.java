package io.mdbldap.store;

/**
 * When a gathering {@link BulkLoader} writes a round of index keys: once the keys take the
 * bound, and near the input's end, to split what would be the last round.
 *
 * <p>The last round is written after the input's end, on one core, with nothing left to read
 * beside it: at 100,000 entries, 0.3 s of a 4.6 s import (a round there covers some 20,500
 * entries, and the last held 18,100). So a round is also written once the input left is no more
 * than the input the round covers, while the reader reads the rest; the last round then holds
 * only that rest, at most as much as the round before it, whose write the reading hides. This
 * repeats on the rest while a round would take at least a quarter of the bound: below that a last
 * round costs little, and an extra round more (each writes again the keys many entries share,
 * such as objectClass's). Without the input's size (standard input) only the bound cuts rounds.
 */
final class Rounds {
  private final long bound;
  /** The input the entries given so far came from, and its size (0: unknown), in the caller's unit. */
  private long inputDone;
  private long inputSize;
  /** {@link #inputDone} when the last round was written. */
  private long roundStart;

  /** @param bound heap bytes of gathered keys that make a round */
  Rounds(long bound) {
    this.bound = bound;
  }

  /** The loader has been given the entries of the first {@code done} units of an input of {@code size}. */
  void inputAt(long done, long size) {
    inputDone = done;
    inputSize = size;
  }

  /** Whether to write the round now, with {@code gathered} heap bytes of keys gathered. */
  boolean due(long gathered) {
    if (gathered >= bound) {
      return true;
    }
    long covered = inputDone - roundStart;
    return inputSize > 0 && gathered >= bound / 4 && covered > 0 && inputSize - inputDone <= covered;
  }

  /** A round was written. */
  void written() {
    roundStart = inputDone;
  }
}
