package io.allot.solve;

import java.util.function.ToDoubleFunction;

/**
 * A cascade's cost is random (the escalation is paid only when the first models disagree), so a
 * plan that spends the budget in expectation overruns it about half the time. The stated reserve:
 * the plan's expected cost plus {@code z} standard deviations of its realised cost (calls taken
 * as independent; in the nightly solve also the error of the estimated escalation rates) must fit
 * the budget. The solver is re-run at budget - z * sd until it does
 * (at most {@link #ROUNDS} times; the standard deviation shrinks with the plan, so it settles).
 */
public final class BudgetReserve {
  /** Standard deviations kept in reserve by default: one-sided ~97.7% under a normal total. */
  public static final double DEFAULT_Z = 2.0;
  static final int ROUNDS = 5;

  private BudgetReserve() {}

  /** The variance of the realised cost of option o on query i (0 for an option of fixed cost). */
  @FunctionalInterface
  public interface CostVariance {
    double of(int i, int o);
  }

  /** The variance of a whole plan's realised cost (choice[i]: query i's option). */
  @FunctionalInterface
  public interface PlanVariance {
    double of(int[] choice);
  }

  /** Per query and option (row-major n x options) variances as a {@link CostVariance}. */
  public static CostVariance of(double[] costVariance, int options) {
    return (i, o) -> costVariance[i * options + o];
  }

  /**
   * @param costVariance per query and option the variance of its realised cost
   * @return the plan; its expected cost + z * sd is within the budget unless even the cheapest
   *     plan's reserve exceeds it (then the cheapest feasible plan)
   * @throws InfeasibleBudgetException when no plan meets the hard constraints within the budget at all
   */
  public static SolveResult plan(AssignmentProblem problem, CostVariance costVariance, double budgetUsd,
      double z, SolveSettings settings) {
    return plan(new AssignmentSolver(), problem, costVariance, budgetUsd, z, settings, SolveProgressListener.NONE);
  }

  /** The same with a plan variance that is not a sum over queries. */
  public static SolveResult plan(AssignmentProblem problem, PlanVariance planVariance, double budgetUsd, double z,
      SolveSettings settings) {
    return plan(new AssignmentSolver(), problem, planVariance, budgetUsd, z, settings, SolveProgressListener.NONE);
  }

  /** The same with the caller's solver and progress listener. */
  public static SolveResult plan(AssignmentSolver solver, AssignmentProblem problem, CostVariance costVariance,
      double budgetUsd, double z, SolveSettings settings, SolveProgressListener progress) {
    return plan(solver, problem, (PlanVariance) choice -> variance(choice, costVariance), budgetUsd, z, settings,
        progress);
  }

  /**
   * The same for a plan variance that is not a sum over queries (the nightly solve: the cascades'
   * estimated escalation rates share their history's estimation error, {@link OptionKinds#planVariance}).
   */
  public static SolveResult plan(AssignmentSolver solver, AssignmentProblem problem, PlanVariance planVariance,
      double budgetUsd, double z, SolveSettings settings, SolveProgressListener progress) {
    return plan(target -> solver.solve(problem, target, settings, progress), SolveResult::totalCostUsd,
        r -> planVariance.of(r.choice()), budgetUsd, z);
  }

  /** One solve of the night at a budget (the driver's solver, or the distributed solve). */
  @FunctionalInterface
  interface Attempt<R> {
    /** @throws InfeasibleBudgetException when no plan meets the hard constraints within the budget */
    R solve(double budgetUsd);
  }

  /**
   * The loop behind every {@code plan}, for any solver whose results give their expected cost and
   * the variance of their realised cost (the distributed solve sums it over its slices).
   */
  static <R> R plan(Attempt<R> solver, ToDoubleFunction<R> cost, ToDoubleFunction<R> variance, double budgetUsd,
      double z) {
    double target = budgetUsd;
    R r = null;
    for (int round = 0; round < ROUNDS; round++) {
      try {
        r = solver.solve(target);
      } catch (InfeasibleBudgetException e) {
        if (r == null) {
          throw e; // the budget itself is below the cheapest feasible plan: the caller says so
        }
        // The reserve does not fit beside any plan: the cheapest one leaves the most of it.
        try {
          return solver.solve(Math.min(budgetUsd, e.minimumBudgetUsd()));
        } catch (InfeasibleBudgetException rounding) {
          return r;
        }
      }
      double sd = Math.sqrt(variance.applyAsDouble(r));
      if (cost.applyAsDouble(r) + z * sd <= budgetUsd + 1e-9) {
        return r;
      }
      target = Math.max(0, Math.min(target - 1e-9, budgetUsd - z * sd));
    }
    return r;
  }

  /** The standard deviation of a plan's realised cost, calls taken as independent. */
  public static double standardDeviation(int[] choice, CostVariance costVariance) {
    return Math.sqrt(variance(choice, costVariance));
  }

  private static double variance(int[] choice, CostVariance costVariance) {
    double v = 0;
    for (int i = 0; i < choice.length; i++) {
      v += costVariance.of(i, choice[i]);
    }
    return v;
  }
}
