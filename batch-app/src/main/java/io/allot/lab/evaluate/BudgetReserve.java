package io.allot.lab.evaluate;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.AssignmentSolver;
import io.allot.solve.InfeasibleBudgetException;
import io.allot.solve.SolveProgressListener;
import io.allot.solve.SolveResult;
import io.allot.solve.SolveSettings;

/**
 * A cascade's cost is random (the escalation is paid only when the first models disagree), so a
 * plan that spends the budget in expectation overruns it about half the time. The stated reserve:
 * the plan's expected cost plus {@code z} standard deviations of its realised cost (calls taken
 * as independent) must fit the budget. The solver is re-run at budget - z * sd until it does
 * (at most {@link #ROUNDS} times; the standard deviation shrinks with the plan, so it settles).
 */
final class BudgetReserve {
  /** Standard deviations kept in reserve by default: one-sided ~97.7% under a normal total. */
  static final double DEFAULT_Z = 2.0;
  static final int ROUNDS = 5;

  private BudgetReserve() {}

  /**
   * @param costVariance per query and option (n x options) the variance of its realised cost
   * @return the plan; its expected cost + z * sd is within the budget unless even the cheapest
   *     plan's reserve exceeds it (then the cheapest feasible plan)
   */
  static SolveResult plan(AssignmentProblem problem, double[] costVariance, double budgetUsd,
      double z, SolveSettings settings) {
    AssignmentSolver solver = new AssignmentSolver();
    int options = problem.optionCount();
    double target = budgetUsd;
    SolveResult r = null;
    for (int round = 0; round < ROUNDS; round++) {
      try {
        r = solver.solve(problem, target, settings, SolveProgressListener.NONE);
      } catch (InfeasibleBudgetException e) {
        return r != null ? r : solver.solve(problem, e.minimumBudgetUsd(), settings,
            SolveProgressListener.NONE);
      }
      double sd = standardDeviation(r.choice(), costVariance, options);
      if (r.totalCostUsd() + z * sd <= budgetUsd + 1e-9) {
        return r;
      }
      target = Math.max(0, Math.min(target - 1e-9, budgetUsd - z * sd));
    }
    return r;
  }

  static double standardDeviation(int[] choice, double[] costVariance, int options) {
    double v = 0;
    for (int i = 0; i < choice.length; i++) {
      v += costVariance[i * options + choice[i]];
    }
    return Math.sqrt(v);
  }
}
