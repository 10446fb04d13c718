package io.mdbldap.store.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * IdSet against a TreeSet model: sets built from random IDs (ascending runs, random order,
 * duplicates) of sizes on both sides of the small-array bound, and every AND/OR between them.
 */
class IdSetTest {
  private static final long SEED = 20_261_122L;

  @Test
  void randomSetsAndTheirCombinationsMatchTheModel() {
    Random random = new Random(SEED);
    List<TreeSet<Long>> models = new ArrayList<>();
    List<IdSet> sets = new ArrayList<>();
    int[] sizes = {0, 1, 2, IdSet.SMALL - 1, IdSet.SMALL, IdSet.SMALL + 1, 3 * IdSet.SMALL, 1000};
    for (int size : sizes) {
      for (int variant = 0; variant < 3; variant++) {
        TreeSet<Long> model = new TreeSet<>();
        IdSet set = IdSet.empty();
        fill(random, variant, size, model, set);
        assertSameIds(model, set, "built size " + size + " variant " + variant);
        models.add(model);
        sets.add(set);
      }
    }
    for (int a = 0; a < sets.size(); a++) {
      for (int b = 0; b < sets.size(); b++) {
        String what = "sets " + a + " and " + b + " (seed " + SEED + ")";
        TreeSet<Long> and = new TreeSet<>(models.get(a));
        and.retainAll(models.get(b));
        assertSameIds(and, sets.get(a).and(sets.get(b)), "AND of " + what);
        TreeSet<Long> or = new TreeSet<>(models.get(a));
        or.addAll(models.get(b));
        assertSameIds(or, sets.get(a).or(sets.get(b)), "OR of " + what);
      }
    }
    // Combining must not have changed any operand.
    for (int i = 0; i < sets.size(); i++) {
      assertSameIds(models.get(i), sets.get(i), "operand " + i + " after combining");
    }
  }

  /** Variant 0 adds ascending, 1 descending, 2 at random with duplicates, in a range that makes them likely. */
  private static void fill(Random random, int variant, int size, TreeSet<Long> model, IdSet set) {
    long next = 1 + random.nextInt(50);
    while (model.size() < size) {
      long id = switch (variant) {
        case 0 -> next += 1 + random.nextInt(3);
        case 1 -> 10_000L - model.size() * 2L - random.nextInt(2);
        default -> 1 + random.nextInt(Math.max(2, size * 2));
      };
      model.add(id);
      set.add(id);
    }
  }

  private static void assertSameIds(TreeSet<Long> model, IdSet set, String what) {
    assertEquals(model.size(), set.size(), what + ": size");
    assertEquals(model.isEmpty(), set.isEmpty(), what + ": isEmpty");
    PrimitiveIterator.OfLong it = set.iterator();
    for (long id : model) {
      assertTrue(it.hasNext(), what + ": iterator ends early");
      assertEquals(id, it.nextLong(), what + ": iterator order");
      assertTrue(set.contains(id), what + ": contains " + id);
    }
    assertFalse(it.hasNext(), what + ": iterator goes on");
    assertFalse(set.contains(0), what + ": contains 0");
    assertFalse(set.contains(1_000_000), what + ": contains 1000000");
  }

  @Test
  void allIsTheIdentityOfAndAndAbsorbsOr() {
    IdSet few = IdSet.of(3, 1, 2);
    assertSame(few, IdSet.all().and(few));
    assertSame(few, few.and(IdSet.all()));
    assertTrue(few.or(IdSet.all()).isAll());
    assertTrue(IdSet.all().contains(42));
    assertEquals(Long.MAX_VALUE, IdSet.all().size());
    assertFalse(IdSet.all().isEmpty());
  }
}
