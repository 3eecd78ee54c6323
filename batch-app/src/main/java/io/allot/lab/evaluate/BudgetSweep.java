package io.allot.lab.evaluate;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.AssignmentSolver;
import io.allot.solve.BudgetReserve;
import io.allot.solve.InfeasibleBudgetException;
import io.allot.solve.SolveProgressListener;
import io.allot.solve.SolveResult;
import io.allot.solve.SolveSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Solves the test queries' assignment at a sweep of budgets with {@link AssignmentSolver} (keeping
 * {@link BudgetReserve}'s stated reserve for cascades' random cost) and charges every solution its
 * realised outcomes. Budgets are in estimated dollars: geometric steps
 * from the all-cheapest to the all-best-predicted plan, plus the requested extra levels.
 */
final class BudgetSweep {
  private static final Logger log = LoggerFactory.getLogger(BudgetSweep.class);

  private BudgetSweep() {}

  static Curve run(String name, OptionTable options, String[] queryIds, int levels,
      double[] extraBudgets, SolveSettings settings) {
    AssignmentProblem problem = options.problem(queryIds);
    double[] range = options.estimatedCostRange();
    // A free option (the small model's known answer) makes the cheapest plan cost nothing.
    range[0] = Math.max(range[0], range[1] * 1e-4);
    TreeSet<Double> budgets = new TreeSet<>();
    for (int k = 0; k < levels; k++) {
      double t = levels == 1 ? 1 : (double) k / (levels - 1);
      budgets.add(range[0] * Math.pow(range[1] / range[0], t));
    }
    for (double b : extraBudgets) {
      if (b >= range[0] && b <= range[1]) {
        budgets.add(b);
      }
    }
    AssignmentSolver solver = new AssignmentSolver();
    List<Curve.Point> points = new ArrayList<>();
    int k = 0;
    for (double budget : budgets) {
      double b = budget;
      SolveResult r;
      try {
        r = BudgetReserve.plan(problem, BudgetReserve.of(options.costVariance, problem.optionCount()), b, BudgetReserve.DEFAULT_Z, settings);
      } catch (InfeasibleBudgetException e) {
        // The solver sums nano-dollar costs; the lowest level can fall a rounding step short.
        b = e.minimumBudgetUsd();
        r = solver.solve(problem, b, settings, SolveProgressListener.NONE);
      }
      double[] realised = options.realise(r.choice());
      points.add(new Curve.Point(b, realised[0], realised[1], realised[2]));
      k++;
      log.debug("{}: budget {} of {} (${} estimated): predicted accuracy {}, realised {}, "
          + "realised cost ${}", name, k, budgets.size(), String.format("%.4f", b),
          String.format("%.4f", realised[2]), String.format("%.4f", realised[1]),
          String.format("%.4f", realised[0]));
    }
    return new Curve(name, points);
  }
}
