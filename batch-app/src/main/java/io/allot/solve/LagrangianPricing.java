package io.allot.solve;

/**
 * Prices cost at lambda quality units per dollar and lets every query pick
 * argmax_j (q_ij - lambda * c_ij).
 *
 * <p>The dual function L(lambda) = lambda * B + sum_i max_j (q_ij - lambda * c_ij) bounds the total
 * quality of every budget-feasible assignment from above for any lambda &gt;= 0 (weak duality).
 * It is convex, and its minimum is where the chosen cost crosses the budget; for a single budget
 * constraint that minimum equals the LP relaxation of the multiple-choice knapsack. Bisection finds
 * that crossing with one O(n*m) pass per trial price.
 */
final class LagrangianPricing {
  private static final int MAX_BISECTIONS = 100;
  private static final int MAX_DOUBLINGS = 1100;

  /**
   * @param lambda smallest price found whose choice fits the budget
   * @param choice the choice at {@code lambda}; it fits the budget
   * @param costNano cost of {@code choice}
   * @param boundTotal the LP upper bound on total quality (not per query)
   */
  record Prices(double lambda, int[] choice, long costNano, double boundTotal) {}

  private final AssignmentProblem problem;
  private final FixedPointTable table;

  LagrangianPricing(AssignmentProblem problem, FixedPointTable table) {
    this.problem = problem;
    this.table = table;
  }

  /** Cost of giving every query its cheapest allowed option: the least feasible budget. */
  long minimumCostNano() {
    long sum = 0;
    int m = problem.optionCount();
    for (int i = 0; i < problem.queryCount(); i++) {
      long cheapest = Long.MAX_VALUE;
      for (int j = 0; j < m; j++) {
        if (table.isAllowed(i, j)) {
          cheapest = Math.min(cheapest, table.costNano(i, j));
        }
      }
      sum += cheapest;
    }
    return sum;
  }

  Prices solve(long budgetNano) {
    int n = problem.queryCount();
    int[] choice = new int[n];
    long cost = choose(0, choice);
    if (cost <= budgetNano) {
      return new Prices(0, choice, cost, dual(0, budgetNano));
    }
    double lo = 0;
    double hi = 1;
    for (int d = 0; d < MAX_DOUBLINGS && (cost = choose(hi, choice)) > budgetNano; d++) {
      lo = hi;
      hi *= 2;
    }
    if (cost > budgetNano) {
      throw new IllegalStateException("no finite price meets budget " + budgetNano + " nano-USD");
    }
    for (int it = 0; it < MAX_BISECTIONS; it++) {
      double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) {
        break;
      }
      if (choose(mid, choice) <= budgetNano) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    cost = choose(hi, choice);
    // L is convex with its minimum between lo and hi, and both values are valid upper bounds.
    double bound = Math.min(dual(lo, budgetNano), dual(hi, budgetNano));
    return new Prices(hi, choice, cost, bound);
  }

  /** Fills {@code choice} with each query's best option at {@code lambda}; returns total cost. */
  long choose(double lambda, int[] choice) {
    int m = problem.optionCount();
    long total = 0;
    for (int i = 0; i < choice.length; i++) {
      int best = bestOption(i, lambda, m);
      choice[i] = best;
      total += table.costNano(i, best);
    }
    return total;
  }

  /** Ties go to the cheaper option, then to the lower index, so the choice is deterministic. */
  private int bestOption(int i, double lambda, int m) {
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    long bestCost = Long.MAX_VALUE;
    for (int j = 0; j < m; j++) {
      if (!table.isAllowed(i, j)) {
        continue;
      }
      long c = table.costNano(i, j);
      double value = problem.quality(i, j) - lambda * FixedPoint.fromNano(c);
      if (best < 0 || value > bestValue || (value == bestValue && c < bestCost)) {
        best = j;
        bestValue = value;
        bestCost = c;
      }
    }
    return best;
  }

  /** L(lambda), in total quality units. */
  double dual(double lambda, long budgetNano) {
    int m = problem.optionCount();
    double sum = lambda * FixedPoint.fromNano(budgetNano);
    for (int i = 0; i < problem.queryCount(); i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        if (table.isAllowed(i, j)) {
          best = Math.max(best,
              problem.quality(i, j) - lambda * FixedPoint.fromNano(table.costNano(i, j)));
        }
      }
      sum += best;
    }
    return sum;
  }

  /**
   * How much the best option beats the runner-up at {@code lambda}, per query; infinite for a query
   * with one allowed option. Small values mark the queries whose choice the price barely decides.
   */
  double[] regret(double lambda) {
    int m = problem.optionCount();
    double[] regret = new double[problem.queryCount()];
    for (int i = 0; i < regret.length; i++) {
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        if (!table.isAllowed(i, j)) {
          continue;
        }
        double v = problem.quality(i, j) - lambda * FixedPoint.fromNano(table.costNano(i, j));
        if (v > first) {
          second = first;
          first = v;
        } else if (v > second) {
          second = v;
        }
      }
      regret[i] = second == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : first - second;
    }
    return regret;
  }
}
