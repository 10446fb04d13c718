package io.mdbldap.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure path of {@link KeyGatherer}, which the loads of {@link GatheredIndexKeysTest} never
 * take: keys that could not be added on the gathering thread are never written as if complete.
 */
class KeyGathererTest {
  @Test
  void aBatchThatFailsToBeAddedFailsTheRoundUntilCleared() throws Exception {
    KeyGatherer gatherer = new KeyGatherer();
    // A batch the postings cannot take: no keys where an entry's should be.
    gatherer.add(1, Arrays.asList(null, null));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> gatherer.write(null));
    assertTrue(e.getMessage().startsWith("gathering index keys failed"), e.getMessage());
    assertThrows(IllegalStateException.class, gatherer::isEmpty);
    assertThrows(IllegalStateException.class, () -> gatherer.add(100, List.of()));
    gatherer.clear();
    gatherer.add(1, List.of());
    assertTrue(gatherer.isEmpty());
    assertFalse(gatherer.bytesBeforeLast() > 0);
  }
}
