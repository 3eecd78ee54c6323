package io.allot.solve;

/** Cost, quality and feasibility of a full choice, computed outside OptaPlanner. */
final class Evaluation {
  final long costNano;
  final double meanQuality;
  final boolean feasible;

  private Evaluation(long costNano, double meanQuality, boolean feasible) {
    this.costNano = costNano;
    this.meanQuality = meanQuality;
    this.feasible = feasible;
  }

  static Evaluation of(AssignmentProblem problem, FixedPointTable table, int[] choice,
      long budgetNano) {
    int m = problem.optionCount();
    long cost = 0;
    double quality = 0;
    boolean allowed = true;
    long[] load = new long[m];
    for (int i = 0; i < choice.length; i++) {
      int j = choice[i];
      allowed &= table.isAllowed(i, j);
      cost += table.costNano(i, j);
      quality += allowed ? problem.quality(i, j) : 0;
      load[j]++;
    }
    boolean withinCapacity = true;
    for (int j = 0; j < m; j++) {
      withinCapacity &= load[j] <= problem.capacity(j);
    }
    double mean = choice.length == 0 ? 0 : quality / choice.length;
    return new Evaluation(cost, mean, allowed && withinCapacity && cost <= budgetNano);
  }

  double costUsd() {
    return FixedPoint.fromNano(costNano);
  }
}
