package io.allot.solve;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded uniform sample of a night, on which the Pareto front's budget levels are solved when the
 * night has more than {@code allot.solver.pareto-sample-queries} queries. The front is a picture of
 * cost against quality for choosing budgets, not a plan: serving reads only the published
 * assignment, which is always solved on the whole night. On the sample every limit (budget, query
 * and token capacities, quotas, tenant caps) is scaled by the sample's share of the night, and the
 * levels' dollars are scaled back; qualities and bounds are means per query and stay as they are.
 * A level's bound is then the sample's bound, an estimate of the night's within the sampling error
 * (docs/solver.md, "The Pareto front on a sample").
 */
final class ParetoSample {
  private final AssignmentProblem problem;
  private final double share;

  private ParetoSample(AssignmentProblem problem, double share) {
    this.problem = problem;
    this.share = share;
  }

  /** The night itself when it has at most {@code size} queries (or size is 0), else a sample of that many. */
  static ParetoSample of(AssignmentProblem night, int size, long seed) {
    int n = night.queryCount();
    if (size <= 0 || n <= size) {
      return new ParetoSample(night, 1);
    }
    int[] rows = pick(n, size, seed);
    int m = night.optionCount();
    String[] ids = new String[size];
    String[] tenants = new String[size];
    double[] quality = new double[size * m];
    double[] cost = new double[size * m];
    long[] tokens = new long[size];
    for (int k = 0; k < size; k++) {
      int i = rows[k];
      ids[k] = night.queryId(i);
      tenants[k] = night.tenant(i);
      tokens[k] = night.tokens(i);
      for (int j = 0; j < m; j++) {
        quality[k * m + j] = night.isAllowed(i, j) ? night.quality(i, j) : Double.NaN;
        cost[k * m + j] = night.costUsd(i, j);
      }
    }
    long[] unlimited = new long[m];
    Arrays.fill(unlimited, AssignmentProblem.UNLIMITED);
    return scaled(new AssignmentProblem(ids, tenants, night.optionIds(), quality, cost).withTokenCapacity(tokens,
        unlimited), night, n);
  }

  /**
   * Sampled rows (their own queries, any limits) under the night's limits scaled by their share of
   * its {@code nightQueries} queries: the distributed solve collects the rows {@link #pick} names.
   */
  static ParetoSample scaled(AssignmentProblem rows, AssignmentProblem nightLimits, int nightQueries) {
    double share = rows.queryCount() / (double) nightQueries;
    return new ParetoSample(rows.withLimitsOf(nightLimits, share), share);
  }

  AssignmentProblem problem() {
    return problem;
  }

  /** The sample's share of the night's queries (1: the whole night). */
  double share() {
    return share;
  }

  /** The sample's levels in the night's dollars. */
  List<ParetoFront.Level> toNight(List<ParetoFront.Level> levels) {
    return levels.stream().map(l -> new ParetoFront.Level(l.budgetUsd() / share, l.costUsd() / share, l.quality(),
        l.lpBound(), l.gap(), l.published())).toList();
  }

  /** {@code size} distinct row indexes of [0, n), ascending, uniformly at random (selection sampling). */
  static int[] pick(int n, int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] out = new int[size];
    int k = 0;
    for (int i = 0; i < n && k < size; i++) {
      if (random.nextInt(n - i) < size - k) {
        out[k++] = i;
      }
    }
    return out;
  }
}
