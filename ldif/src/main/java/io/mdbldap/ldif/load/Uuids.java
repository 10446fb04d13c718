package io.mdbldap.ldif.load;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * entryUUID values for imported entries: random (version 4) UUIDs, as {@link UUID#randomUUID()}
 * makes them, but drawn from a fast generator seeded once from {@link SecureRandom}. An entryUUID
 * must be unique, not unpredictable; {@code randomUUID} asks the operating system's random source
 * for every one, a twentieth of an import's reading thread. Two UUIDs collide no more often than
 * {@code randomUUID}'s: 122 random bits each, from a generator whose 64-bit outputs do not repeat
 * within an import (its state walks a full 2^64 cycle), seeded afresh by each import. Not thread-safe.
 */
final class Uuids {
  private static final long VERSION_MASK = 0xffffffffffff0fffL;
  private static final long VERSION_4 = 0x0000000000004000L;
  private static final long VARIANT_MASK = 0x3fffffffffffffffL;
  private static final long VARIANT_IETF = 0x8000000000000000L;

  private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());

  /** A fresh UUID in its usual text form. */
  String next() {
    long high = (random.nextLong() & VERSION_MASK) | VERSION_4;
    long low = (random.nextLong() & VARIANT_MASK) | VARIANT_IETF;
    return new UUID(high, low).toString();
  }
}
