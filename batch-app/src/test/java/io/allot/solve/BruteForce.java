package io.allot.solve;

/** Exhaustive optimum for tiny problems (budget and capacity), on the solver's nano-dollar costs. */
final class BruteForce {
  private final AssignmentProblem p;
  private final FixedPointTable table;
  private final long budgetNano;
  private final int[] current;
  double bestQuality = Double.NEGATIVE_INFINITY;

  private BruteForce(AssignmentProblem p, double budgetUsd) {
    this.p = p;
    this.table = new FixedPointTable(p);
    this.budgetNano = FixedPoint.toNano(budgetUsd);
    this.current = new int[p.queryCount()];
  }

  /** Best total quality of any assignment within the budget. */
  static double optimum(AssignmentProblem p, double budgetUsd) {
    BruteForce search = new BruteForce(p, budgetUsd);
    search.extend(0, 0, 0);
    return search.bestQuality;
  }

  private void extend(int i, long cost, double quality) {
    if (cost > budgetNano) {
      return;
    }
    if (i == current.length) {
      if (withinCapacity()) {
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

  private boolean withinCapacity() {
    long[] load = new long[p.optionCount()];
    for (int j : current) {
      load[j]++;
    }
    for (int j = 0; j < load.length; j++) {
      if (load[j] > p.capacity(j)) {
        return false;
      }
    }
    return true;
  }
}
