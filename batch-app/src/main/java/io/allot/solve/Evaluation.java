package io.allot.solve;

import java.util.List;

/** Cost, quality and feasibility of a full choice against every hard constraint, outside OptaPlanner. */
final class Evaluation {
  final long costNano;
  final double meanQuality;
  final boolean feasible;
  /** Each broken hard constraint, empty when feasible. */
  final List<String> violations;

  private Evaluation(long costNano, double meanQuality, List<String> violations) {
    this.costNano = costNano;
    this.meanQuality = meanQuality;
    this.violations = violations;
    this.feasible = violations.isEmpty();
  }

  static Evaluation of(AssignmentProblem problem, FixedPointTable table, SideLimits limits, int[] choice) {
    double quality = 0;
    int disallowed = 0;
    for (int i = 0; i < choice.length; i++) {
      int j = choice[i];
      if (table.isAllowed(i, j)) {
        quality += problem.quality(i, j);
      } else {
        disallowed++;
      }
    }
    LoadLedger ledger = new LoadLedger(limits, table, choice);
    List<String> violations = new java.util.ArrayList<>(ledger.violations());
    if (disallowed > 0) {
      violations.add(disallowed + " queries on options not allowed for them");
    }
    double mean = choice.length == 0 ? 0 : quality / choice.length;
    return new Evaluation(ledger.cost, mean, violations);
  }

  double costUsd() {
    return FixedPoint.fromNano(costNano);
  }
}
