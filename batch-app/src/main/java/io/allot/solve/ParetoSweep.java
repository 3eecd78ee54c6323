package io.allot.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget levels of a Pareto front, from the all-cheapest to the all-best assignment, solved in
 * ascending order on one nano-unit table shared by all levels (built once, not once a level).
 *
 * <p>Each level's dual search starts from the prices of the level below; {@link CostBreakpoints}
 * then looks for the new budget price near the old one first. Once a level's best budget price is
 * 0 the budget binds no more: every higher budget has the same dual optimum (the dual function
 * with a zero budget price does not depend on the budget), so those levels keep the prices without
 * a search, with the same bound, and only rerun the construction against their own budget. When
 * moreover the level below left more of its budget unspent than any single move of a query could
 * cost, no repair or top-up move was held back by the budget there either, and an unpolished
 * level takes the level below's assignment as it is (feasible here, with a bound that holds here).
 */
final class ParetoSweep {
  private static final Logger log = LoggerFactory.getLogger(ParetoSweep.class);
  private final AssignmentSolver solver;
  private final SolveSettings levelSettings;
  private final int levels;
  private final boolean warmStart;

  /** @param warmStart false solves every level from zero prices (the cold reference of the tests) */
  ParetoSweep(AssignmentSolver solver, SolveSettings levelSettings, int levels, boolean warmStart) {
    this.solver = solver;
    this.levelSettings = levelSettings;
    this.levels = levels;
    this.warmStart = warmStart;
  }

  /**
   * The feasible levels (never published), ascending by budget; a level at the published budget
   * is left out, that point being the published solve.
   */
  List<ParetoFront.Level> solve(AssignmentProblem p, double cheapest, double best, double publishedBudget) {
    List<ParetoFront.Level> out = new ArrayList<>();
    FixedPointTable table = new FixedPointTable(p);
    DualPrices warm = null;
    boolean budgetFree = false;
    SolveResult below = null;
    double belowBudget = 0;
    double largestMove = largestMoveUsd(p, table);
    long t0 = System.nanoTime();
    for (int k = 0; k < levels; k++) {
      double b = levels == 1 ? best : cheapest + (best - cheapest) * k / (levels - 1);
      if (Math.abs(b - publishedBudget) < 1e-9 * Math.max(1, publishedBudget)) {
        continue;
      }
      try {
        boolean same = warmStart && budgetFree && !levelSettings.polish() && below != null && below.feasible()
            && belowBudget - below.totalCostUsd() > largestMove;
        SolveResult r = same ? below : solver.solve(p, table, b, levelSettings, SolveProgressListener.NONE,
            warmStart ? warm : null, warmStart && budgetFree);
        below = r;
        belowBudget = b;
        warm = r.prices();
        budgetFree = warm.budget() == 0;
        if (r.feasible()) {
          out.add(new ParetoFront.Level(b, r.totalCostUsd(), r.meanQuality(), r.lpBound(), r.gap(), false));
        } else {
          log.info("Pareto level ${} skipped: no feasible assignment found ({})", b, r.violations());
        }
      } catch (RuntimeException infeasible) {
        log.info("Pareto level ${} skipped: {}", b, infeasible.getMessage());
      }
      log.info(String.format(Locale.ROOT, "Pareto level %d of %d ($%.2f) done, %.1f s", k + 1, levels, b,
          (System.nanoTime() - t0) / 1e9));
    }
    return out;
  }

  /** The most any one query's move between two of its allowed options can change the cost, in USD. */
  private static double largestMoveUsd(AssignmentProblem p, FixedPointTable table) {
    long largest = 0;
    for (int i = 0; i < p.queryCount(); i++) {
      long min = Long.MAX_VALUE;
      long max = 0;
      for (int j = 0; j < p.optionCount(); j++) {
        if (table.isAllowed(i, j)) {
          min = Math.min(min, table.costNano(i, j));
          max = Math.max(max, table.costNano(i, j));
        }
      }
      largest = Math.max(largest, max - min);
    }
    return FixedPoint.fromNano(largest);
  }
}
