package io.allot.lab.cascade;

import io.allot.cascade.CascadeNight;
/**
 * One policy at one budget, scored with realised outcomes.
 *
 * @param plannedCostUsd cost by the catalog's prices and the log's token counts (what the budget binds)
 * @param realisedCostUsd cost reported in the outcomes
 * @param realisedAccuracy mean realised score per query
 */
public record PolicyScore(double plannedCostUsd, double realisedCostUsd, double realisedAccuracy, long escalated) {

  /** Scores a per-query choice: each query pays {@code firstTier} (or nothing, when -1) and then {@code option}. */
  static PolicyScore of(CascadeNight night, RealisedOutcomes real, int[] option, int firstTier) {
    double planned = 0;
    double realised = 0;
    double acc = 0;
    long escalated = 0;
    for (int k = 0; k < option.length; k++) {
      int j = option[k];
      planned += night.problem().costUsd(k, j);
      realised += real.cost(k, j);
      if (firstTier >= 0 && j != firstTier) {
        planned += night.problem().costUsd(k, firstTier);
        realised += real.cost(k, firstTier);
        escalated++;
      }
      acc += real.score(k, j);
    }
    return new PolicyScore(planned, realised, option.length == 0 ? 0 : acc / option.length, escalated);
  }
}
