package io.allot.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * Prices every side constraint (DESIGN.md, "Solving at scale") and lets every query pick
 * argmax_o (q_io - reducedCost_io) at those prices.
 *
 * <p>The dual function L(prices) = constant(prices) + sum_i max_o (q_io - reducedCost_io) bounds
 * the total quality of every assignment that meets all constraints from above, for any prices >=
 * 0 (weak duality), so every evaluated L is a valid bound and the smallest one is reported. L is
 * convex; coordinate search minimises it one price at a time: along one price it is piecewise
 * linear with slope (limit - usage), so bisection finds where usage crosses the limit. The budget
 * price goes last in each round, so the returned choice fits the budget.
 */
final class LagrangianPricing {
  private static final int MAX_BISECTIONS = 60;
  private static final int MAX_DOUBLINGS = 1100;
  private static final double RELATIVE_TOLERANCE = 1e-7;
  static final int DEFAULT_ROUNDS = 6;

  /**
   * @param prices the final prices (the budget price is the smallest found that fits the budget)
   * @param choice the choice at {@code prices}; it fits the budget
   * @param costNano cost of {@code choice}
   * @param boundTotal the smallest dual value seen: an upper bound on total quality
   */
  record Prices(DualPrices prices, int[] choice, long costNano, double boundTotal) {
    double lambda() {
      return prices.budget();
    }
  }

  /** One price being searched: which limit it belongs to. */
  private record Coordinate(Kind kind, int index) {}

  private enum Kind { BUDGET, CAPACITY, TOKEN, TENANT, QUOTA }

  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SideLimits limits;
  private final int rounds;
  private double bestBound = Double.POSITIVE_INFINITY;
  private DualPrices bestPrices;

  LagrangianPricing(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this(problem, table, limits, DEFAULT_ROUNDS);
  }

  LagrangianPricing(AssignmentProblem problem, FixedPointTable table, SideLimits limits, int rounds) {
    this.problem = problem;
    this.table = table;
    this.limits = limits;
    this.rounds = rounds;
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

  Prices solve() {
    return solve(DualPrices.zero(limits.m, limits.tenantCount()));
  }

  /** @param start prices to start from (a neighbouring budget level's, for a warm start) */
  Prices solve(DualPrices start) {
    int[] choice = new int[problem.queryCount()];
    DualPrices prices = start.copy();
    List<Coordinate> side = sideCoordinates();
    double previous = Double.POSITIVE_INFINITY;
    for (int round = 0; round < Math.max(1, side.isEmpty() ? 1 : rounds); round++) {
      for (Coordinate c : side) {
        minimiseAlong(c, prices, choice);
      }
      minimiseAlong(new Coordinate(Kind.BUDGET, 0), prices, choice);
      if (side.isEmpty() || previous - bestBound <= RELATIVE_TOLERANCE * Math.abs(bestBound)) {
        break;
      }
      previous = bestBound;
    }
    pass(prices, choice);
    long cost = table.totalCostNano(choice);
    if (cost > limits.budgetNano) {
      throw new IllegalStateException("no finite price meets budget " + limits.budgetNano + " nano-USD");
    }
    return new Prices(prices, choice, cost, bestBound);
  }

  /** The prices of the smallest dual value seen. */
  DualPrices bestPrices() {
    return bestPrices;
  }

  private List<Coordinate> sideCoordinates() {
    List<Coordinate> out = new ArrayList<>();
    for (int j = 0; j < limits.m; j++) {
      if (limits.queryCap[j] != AssignmentProblem.UNLIMITED) {
        out.add(new Coordinate(Kind.CAPACITY, j));
      }
      if (limits.tokenCap[j] != AssignmentProblem.UNLIMITED) {
        out.add(new Coordinate(Kind.TOKEN, j));
      }
      if (limits.minQueries[j] > 0) {
        out.add(new Coordinate(Kind.QUOTA, j));
      }
    }
    for (int t = 0; t < limits.tenantCount(); t++) {
      out.add(new Coordinate(Kind.TENANT, t));
    }
    return out;
  }

  /** Sets the price of {@code c} to the smallest value at which its constraint holds. */
  private void minimiseAlong(Coordinate c, DualPrices prices, int[] choice) {
    double lo = 0;
    double hi = get(c, prices);
    if (holds(c, set(c, prices, 0), choice)) {
      set(c, prices, 0);
      return;
    }
    hi = hi > 0 ? hi : unit(c);
    int d = 0;
    while (!holds(c, set(c, prices, hi), choice)) {
      lo = hi;
      hi *= 2;
      if (++d > MAX_DOUBLINGS || Double.isInfinite(hi)) {
        set(c, prices, lo);
        return; // no price meets this limit; the construction reports the rest
      }
    }
    for (int it = 0; it < MAX_BISECTIONS && hi - lo > RELATIVE_TOLERANCE * hi; it++) {
      double mid = lo + (hi - lo) / 2;
      if (holds(c, set(c, prices, mid), choice)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    set(c, prices, hi);
  }

  private static double unit(Coordinate c) {
    return switch (c.kind()) {
      case BUDGET, TENANT -> 1;
      case CAPACITY, QUOTA -> 1e-3;
      case TOKEN -> 1e-6;
    };
  }

  private static double get(Coordinate c, DualPrices p) {
    return switch (c.kind()) {
      case BUDGET -> p.budget();
      case CAPACITY -> p.capacity()[c.index()];
      case TOKEN -> p.token()[c.index()];
      case TENANT -> p.tenant()[c.index()];
      case QUOTA -> p.quota()[c.index()];
    };
  }

  /** Sets one price in place; returns the prices. */
  private static DualPrices set(Coordinate c, DualPrices p, double value) {
    switch (c.kind()) {
      case BUDGET -> p.setBudget(value);
      case CAPACITY -> p.capacity()[c.index()] = value;
      case TOKEN -> p.token()[c.index()] = value;
      case TENANT -> p.tenant()[c.index()] = value;
      case QUOTA -> p.quota()[c.index()] = value;
    }
    return p;
  }

  /** Chooses at {@code prices} and says whether the choice meets {@code c}'s limit. */
  private boolean holds(Coordinate c, DualPrices prices, int[] choice) {
    pass(prices, choice);
    if (c.kind() == Kind.BUDGET) {
      return table.totalCostNano(choice) <= limits.budgetNano;
    }
    LoadLedger ledger = new LoadLedger(limits, table, choice);
    int k = c.index();
    return switch (c.kind()) {
      case CAPACITY -> ledger.load[k] <= limits.queryCap[k];
      case TOKEN -> ledger.tokenLoad[k] <= limits.tokenCap[k];
      case TENANT -> ledger.tenantCost[k] <= limits.tenantCapNano[k];
      case QUOTA -> ledger.load[k] >= limits.minQueries[k];
      case BUDGET -> throw new IllegalStateException();
    };
  }

  /**
   * Fills {@code choice} with each query's best option at {@code prices} (ties to the cheaper,
   * then the lower index) and records L(prices) as a bound when it is the smallest yet.
   */
  void pass(DualPrices prices, int[] choice) {
    int m = problem.optionCount();
    double[] perQuery = prices.perQueryCharge(limits);
    double[] perToken = prices.perTokenCharge(limits);
    double sum = prices.constant(limits);
    for (int i = 0; i < choice.length; i++) {
      double lambda = prices.budget() + (limits.tenantOf[i] >= 0 ? prices.tenant()[limits.tenantOf[i]] : 0);
      long tokens = limits.tokens[i];
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      long bestCost = Long.MAX_VALUE;
      for (int j = 0; j < m; j++) {
        if (!table.isAllowed(i, j)) {
          continue;
        }
        long c = table.costNano(i, j);
        double value = problem.quality(i, j) - lambda * FixedPoint.fromNano(c) - perQuery[j] - perToken[j] * tokens;
        if (best < 0 || value > bestValue || (value == bestValue && c < bestCost)) {
          best = j;
          bestValue = value;
          bestCost = c;
        }
      }
      choice[i] = best;
      sum += bestValue;
    }
    if (sum < bestBound) {
      bestBound = sum;
      bestPrices = prices.copy();
    }
  }

  /**
   * How much the best option beats the runner-up at {@code prices}, per query; infinite for a
   * query with one allowed option. Small values mark the queries whose choice the prices barely
   * decide.
   */
  double[] regret(DualPrices prices) {
    int m = problem.optionCount();
    double[] perQuery = prices.perQueryCharge(limits);
    double[] perToken = prices.perTokenCharge(limits);
    double[] regret = new double[problem.queryCount()];
    for (int i = 0; i < regret.length; i++) {
      double lambda = prices.budget() + (limits.tenantOf[i] >= 0 ? prices.tenant()[limits.tenantOf[i]] : 0);
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        if (!table.isAllowed(i, j)) {
          continue;
        }
        double v = problem.quality(i, j) - lambda * FixedPoint.fromNano(table.costNano(i, j)) - perQuery[j]
            - perToken[j] * limits.tokens[i];
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
