package io.allot.solve;

import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/**
 * The assignment and how good it is.
 *
 * <p>{@code choice()} returns the array itself, not a copy; records compare arrays by identity.
 *
 * @param choice option index per query
 * @param totalCostUsd total cost of the choice (sum of nano-dollar costs)
 * @param meanQuality expected quality per query, mean over all queries
 * @param lpBound upper bound on {@code meanQuality} from the Lagrangian (LP) relaxation
 * @param gap (lpBound - meanQuality) / lpBound, 0 when the bound is 0
 * @param lambda price per dollar at which the cheapest-within-budget Lagrangian choice was taken
 * @param feasible whether the choice meets the budget and every hard constraint
 * @param polish what the local search did; {@link PolishStats#SKIPPED} when it did not run
 * @param timings wall time of each phase
 * @param prices the dual prices of the bound: on cost, on each capacity, tenant cap and quota
 * @param violations each hard constraint the choice breaks; empty when feasible
 */
public record SolveResult(
    int[] choice,
    double totalCostUsd,
    double meanQuality,
    double lpBound,
    double gap,
    double lambda,
    boolean feasible,
    PolishStats polish,
    PhaseTimings timings,
    DualPrices prices,
    java.util.List<String> violations) {

  /**
   * @param queries queries that OptaPlanner planned (the rest kept their construction choice)
   * @param steps local search steps taken
   * @param scoreBefore score after construction, on the polished queries only
   * @param scoreAfter best score after local search, on the polished queries only
   */
  public record PolishStats(
      int queries, long steps, HardSoftLongScore scoreBefore, HardSoftLongScore scoreAfter,
      long millis) {
    public static final PolishStats SKIPPED = new PolishStats(0, 0, null, null, 0);
  }

  public record PhaseTimings(long boundMillis, long constructionMillis, long polishMillis,
      long totalMillis) {}
}
