package io.mdbldap.bench.load;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Workloads mixed by weight, as {@code eq:60,sub:20,modify:10,add:5,delete:5}: each request is one
 * of them, drawn with a probability proportional to its weight.
 */
final class Mix {
  private final Workload[] byTicket;
  private final Map<Workload, Integer> weights;

  private Mix(Map<Workload, Integer> weights) {
    this.weights = weights;
    this.byTicket = weights.entrySet().stream()
        .flatMap(e -> Collections.nCopies(e.getValue(), e.getKey()).stream())
        .toArray(Workload[]::new);
  }

  /**
   * Parses {@code workload:weight,...}, weights positive integers.
   *
   * @throws IllegalArgumentException naming the part that is not a workload and a weight
   */
  static Mix parse(String spec) {
    Map<Workload, Integer> weights = new EnumMap<>(Workload.class);
    for (String part : spec.split(",")) {
      String[] pair = part.trim().split(":");
      try {
        int weight = pair.length == 2 ? Integer.parseInt(pair[1]) : 0;
        if (weight <= 0) {
          throw new IllegalArgumentException("no positive weight");
        }
        weights.merge(Workload.valueOf(pair[0].toUpperCase(Locale.ROOT)), weight, Integer::sum);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("mix \"" + spec + "\": \"" + part
            + "\" is not workload:weight (a workload of " + Arrays.toString(Workload.values())
            + " and a positive integer)", e);
      }
    }
    return new Mix(weights);
  }

  /** A workload drawn at random by weight. */
  Workload next(SplittableRandom random) {
    return byTicket[random.nextInt(byTicket.length)];
  }

  Iterable<Workload> workloads() {
    return weights.keySet();
  }

  /** The share of each workload, as {@code 60% uid equality search, ...}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    weights.forEach((w, n) -> s.append(s.isEmpty() ? "" : ", ").append(n * 100 / byTicket.length).append("% ")
        .append(w.title()));
    return s.toString();
  }
}
