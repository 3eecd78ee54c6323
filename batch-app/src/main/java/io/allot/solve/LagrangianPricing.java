package io.allot.solve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prices every side constraint (docs/solver.md, "Lagrangian prices and the bound") and lets every query pick
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
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LagrangianPricing.class);
  private static final int MAX_BISECTIONS = 60;
  private static final int MAX_DOUBLINGS = 1100;
  /** Prices are searched to this relative precision; the bound's own precision is far finer than the 0.1% target. */
  private static final double RELATIVE_TOLERANCE = 1e-6;
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

  private final QueryPasses queries;
  private final SideLimits limits;
  private final int rounds;
  private final ThresholdPrice threshold;
  private final CostBreakpoints breakpoints;
  private final PricePass pricePass;
  private double bestBound = Double.POSITIVE_INFINITY;
  private int passes;
  private DualPrices bestPrices;
  /** The last pass: its prices, choice array and result, so that a repeated pass is free. */
  private DualPrices lastPrices;
  private int[] lastChoice;
  private PricePass.Result last;

  LagrangianPricing(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this(problem, table, limits, DEFAULT_ROUNDS);
  }

  LagrangianPricing(AssignmentProblem problem, FixedPointTable table, SideLimits limits, int rounds) {
    this(new LocalQueryPasses(problem, table, limits), table, limits, rounds);
  }

  /**
   * @param table, limits the driver's; for queries on Spark those of the problem's header (its
   *     limits and options, no queries): choice arrays then stay empty, the executors hold the choice
   */
  LagrangianPricing(QueryPasses queries, FixedPointTable table, SideLimits limits, int rounds) {
    this.queries = queries;
    this.limits = limits;
    this.rounds = rounds;
    this.threshold = new ThresholdPrice(queries, limits);
    this.breakpoints = new CostBreakpoints(queries, limits);
    this.pricePass = new PricePass(queries, table, limits);
  }

  /** Cost of giving every query its cheapest allowed option: the least feasible budget. */
  long minimumCostNano() {
    return queries.reduce((view, from, to) -> {
      FixedPointTable table = view.table();
      long sum = 0;
      for (int i = from; i < to; i++) {
        long cheapest = Long.MAX_VALUE;
        for (int j = 0; j < table.optionCount(); j++) {
          if (table.isAllowed(i, j)) {
            cheapest = Math.min(cheapest, table.costNano(i, j));
          }
        }
        sum += cheapest;
      }
      return sum;
    }, Long::sum);
  }

  Prices solve() {
    return solve(DualPrices.zero(limits.m, limits.tenantCount()));
  }

  /** @param start prices to start from (a neighbouring budget level's, for a warm start) */
  Prices solve(DualPrices start) {
    int[] choice = newChoice();
    DualPrices prices = start.copy();
    List<Coordinate> side = sideCoordinates();
    double previous = Double.POSITIVE_INFINITY;
    Coordinate budget = new Coordinate(Kind.BUDGET, 0);
    if (prices.budget() > 0 && !side.isEmpty()) {
      // A warm start comes from another budget: its budget price is the one most off, so it moves
      // first, and the side prices are then set against a budget price near its own level's.
      setExactly(budget, prices, choice);
    }
    for (int round = 0; round < Math.max(1, side.isEmpty() ? 1 : rounds); round++) {
      for (Coordinate c : side) {
        if (!setExactly(c, prices, choice)) {
          minimiseAlong(c, prices, choice);
        }
      }
      if (!setExactly(budget, prices, choice)) {
        minimiseAlong(budget, prices, choice);
      }
      if (side.isEmpty() || previous - bestBound <= 1e-5 * Math.abs(bestBound)) {
        break;
      }
      previous = bestBound;
    }
    long cost = passResult(prices, choice).usage().cost;
    log.debug("dual search: {} passes over {} side prices", passes, side.size());
    if (cost > limits.budgetNano) {
      throw new IllegalStateException("no finite price meets budget " + limits.budgetNano + " nano-USD");
    }
    return new Prices(prices, choice, cost, bestBound);
  }

  /**
   * The choice at {@code prices} as they are, without a search: for a budget level above one whose
   * optimal budget price was 0 (the budget bound neither, so the same prices stay optimal).
   * Null when that choice does not fit this budget.
   */
  Prices at(DualPrices prices) {
    int[] choice = newChoice();
    DualPrices copy = prices.copy();
    PricePass.Result r = passResult(copy, choice);
    return r.usage().cost > limits.budgetNano ? null : new Prices(copy, choice, r.usage().cost, bestBound);
  }

  /** An array for the choice of every query, or an empty one when the queries (and their choice) live on Spark. */
  int[] newChoice() {
    return new int[queries.local() ? queries.queryCount() : 0];
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

  /**
   * Sets the price of {@code c} to (just above) the smallest value at which its constraint holds.
   * From a current price p > 0 the bracket grows from 1% of p in either direction, so a warm
   * start costs a few passes instead of a search from zero.
   */
  private void minimiseAlong(Coordinate c, DualPrices prices, int[] choice) {
    double current = get(c, prices);
    double lo;
    double hi;
    if (current > 0 && holds(c, prices, choice)) {
      hi = current;
      double step = current * 0.01;
      lo = Math.max(0, hi - step);
      while (lo > 0 && holds(c, set(c, prices, lo), choice)) {
        hi = lo;
        step *= 2;
        lo = Math.max(0, hi - step);
      }
      if (lo == 0 && holds(c, set(c, prices, 0), choice)) {
        return;
      }
    } else {
      if (current == 0 && holds(c, prices, choice)) {
        return;
      }
      lo = current;
      double step = current > 0 ? current * 0.01 : unit(c);
      hi = lo + step;
      int d = 0;
      while (!holds(c, set(c, prices, hi), choice)) {
        lo = hi;
        step *= 2;
        hi = lo + step;
        if (++d > MAX_DOUBLINGS || Double.isInfinite(hi)) {
          set(c, prices, lo);
          return; // no price meets this limit; the construction reports the rest
        }
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

  /**
   * Sets a price exactly: a model's by {@link ThresholdPrice}, the budget's or a tenant's by
   * {@link CostBreakpoints}; false when no finite price was found or ties at the threshold need
   * the bisection instead. The check is a pass, which also evaluates L at the new prices: where
   * coordinate search stalls (limits that bind together), those intermediate points are often the
   * best bound of the round.
   */
  private boolean setExactly(Coordinate c, DualPrices prices, int[] choice) {
    double before = get(c, prices);
    double exact = switch (c.kind()) {
      case CAPACITY -> threshold.capacity(prices, c.index());
      case TOKEN -> threshold.token(prices, c.index());
      case QUOTA -> threshold.quota(prices, c.index());
      case BUDGET -> nudged(breakpoints.smallestFitting(prices, -1));
      case TENANT -> nudged(breakpoints.smallestFitting(prices, c.index()));
    };
    if (Double.isNaN(exact) || Double.isInfinite(exact)) {
      return false;
    }
    set(c, prices, exact);
    if (holds(c, prices, choice)) {
      return true;
    }
    set(c, prices, before);
    return false;
  }

  /** A breakpoint price made to tip the query at it to the cheaper side (0 stays 0). */
  private static double nudged(double breakpoint) {
    return breakpoint > 0 ? ThresholdPrice.above(breakpoint) : breakpoint;
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
    LoadLedger usage = passResult(prices, choice).usage();
    int k = c.index();
    return switch (c.kind()) {
      case BUDGET -> usage.cost <= limits.budgetNano;
      case CAPACITY -> usage.load[k] <= limits.queryCap[k];
      case TOKEN -> usage.tokenLoad[k] <= limits.tokenCap[k];
      case TENANT -> usage.tenantCost[k] <= limits.tenantCapNano[k];
      case QUOTA -> usage.load[k] >= limits.minQueries[k];
    };
  }

  /**
   * Fills {@code choice} with each query's best option at {@code prices} (ties to the cheaper,
   * then the lower index) and records L(prices) as a bound when it is the smallest yet.
   */
  void pass(DualPrices prices, int[] choice) {
    passValue(prices, choice);
  }

  double bestBound() {
    return bestBound;
  }

  /** Passes over all queries so far (each O(n x options)): choices, margins and envelope walks. */
  int passes() {
    return passes + threshold.passes + breakpoints.passes;
  }

  /** {@link #pass} that also returns L(prices). */
  double passValue(DualPrices prices, int[] choice) {
    return passResult(prices, choice).value();
  }

  /** {@link #pass} that also returns L(prices) and the choice's totals. */
  PricePass.Result passResult(DualPrices prices, int[] choice) {
    if (last != null && choice == lastChoice && same(prices, lastPrices)) {
      return last; // the choice array still holds this pass's choice
    }
    passes++;
    PricePass.Result r = pricePass.run(prices, choice);
    if (r.value() < bestBound) {
      bestBound = r.value();
      bestPrices = prices.copy();
    }
    last = r;
    lastChoice = choice;
    lastPrices = prices.copy();
    return r;
  }

  private static boolean same(DualPrices a, DualPrices b) {
    return a.budget() == b.budget() && Arrays.equals(a.capacity(), b.capacity()) && Arrays.equals(a.token(), b.token())
        && Arrays.equals(a.tenant(), b.tenant()) && Arrays.equals(a.quota(), b.quota());
  }
}
