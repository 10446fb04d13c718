package io.mdbldap.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A round is written at the bound, and near the input's end to split what would be the last one. */
class RoundsTest {
  private static final long BOUND = 1_000;

  @Test
  void theBoundCutsARoundWhetherOrNotTheInputsSizeIsKnown() {
    Rounds rounds = new Rounds(BOUND);
    assertFalse(rounds.due(BOUND - 1));
    assertTrue(rounds.due(BOUND));
    rounds.inputAt(10, 100);
    assertFalse(rounds.due(BOUND - 1));
    assertTrue(rounds.due(BOUND));
  }

  @Test
  void aRoundIsWrittenOnceTheInputLeftIsNoMoreThanTheInputItCovers() {
    Rounds rounds = new Rounds(BOUND);
    rounds.inputAt(600, 1_000);
    rounds.written();
    rounds.inputAt(790, 1_000);
    assertFalse(rounds.due(BOUND / 2), "210 left, 190 covered");
    rounds.inputAt(800, 1_000);
    assertTrue(rounds.due(BOUND / 2), "200 left, 200 covered");
    rounds.written();
    // The rest splits again while its round would take a quarter of the bound.
    rounds.inputAt(900, 1_000);
    assertTrue(rounds.due(BOUND / 4));
    rounds.written();
    rounds.inputAt(950, 1_000);
    assertFalse(rounds.due(BOUND / 4 - 1), "a round this small is left to the end");
    rounds.inputAt(1_000, 1_000);
    assertFalse(rounds.due(BOUND / 4 - 1));
  }

  @Test
  void withoutTheInputsSizeOnlyTheBoundCuts() {
    Rounds rounds = new Rounds(BOUND);
    rounds.inputAt(900, 0);
    assertFalse(rounds.due(BOUND - 1));
  }

  @Test
  void noRoundBeforeAnyInputIsCovered() {
    Rounds rounds = new Rounds(BOUND);
    rounds.inputAt(1_000, 1_000);
    rounds.written();
    assertFalse(rounds.due(BOUND / 2), "nothing given since the last round");
  }
}
