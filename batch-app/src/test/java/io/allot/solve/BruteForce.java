package io.allot.solve;

/**
 * Exhaustive optimum for tiny problems under every hard constraint (budget, query and token
 * capacity, tenant caps, quotas), on the solver's nano-dollar costs.
 */
final class BruteForce {
  private final AssignmentProblem p;
  private final FixedPointTable table;
  private final SideLimits limits;
  private final int[] current;
  double bestQuality = Double.NEGATIVE_INFINITY;

  private BruteForce(AssignmentProblem p, double budgetUsd) {
    this.p = p;
    this.table = new FixedPointTable(p);
    this.limits = new SideLimits(p, FixedPoint.toNano(budgetUsd));
    this.current = new int[p.queryCount()];
  }

  /** Best total quality of any assignment meeting every constraint; -infinity when none does. */
  static double optimum(AssignmentProblem p, double budgetUsd) {
    BruteForce search = new BruteForce(p, budgetUsd);
    search.extend(0, 0, 0);
    return search.bestQuality;
  }

  private void extend(int i, long cost, double quality) {
    if (cost > limits.budgetNano) {
      return;
    }
    if (i == current.length) {
      if (new LoadLedger(limits, table, current).feasible()) {
        bestQuality = Math.max(bestQuality, quality);
      }
      return;
    }
    for (int j = 0; j < p.optionCount(); j++) {
      if (table.isAllowed(i, j)) {
        current[i] = j;
        extend(i + 1, cost + table.costNano(i, j), quality + p.quality(i, j));
      }
    }
  }
}
