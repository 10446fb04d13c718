package io.mdbldap.store.model;

import java.util.Set;

/** Counters that show what a run exercised; printed after each run so a hollow run is visible. */
final class RunStats {
  int searches;
  int emptyResults;
  int nonEmptyResults;
  int missingBases;
  int unparsable;
  int mismatches;
  int adds;
  int deletes;
  int modifies;
  int moves;
  int refused;
  int pointChecks;
  long matchedEntries;

  void count(Set<String> expected) {
    if (expected == null) {
      missingBases++;
    } else if (expected.isEmpty()) {
      emptyResults++;
    } else {
      nonEmptyResults++;
      matchedEntries += expected.size();
    }
  }

  @Override
  public String toString() {
    return String.format("%d searches (%d non-empty, %d empty, %d on missing bases, %d entries matched, %d unparsable"
        + " filters, %d mismatches), %d adds, %d deletes, %d modifies, %d moves, %d refused updates, %d point checks",
        searches, nonEmptyResults, emptyResults, missingBases, matchedEntries, unparsable, mismatches, adds, deletes,
        modifies, moves, refused, pointChecks);
  }
}
