package io.allot.solve;

/**
 * The value of each (query, option) at fixed prices: quality less the priced cost (budget and the
 * query's tenant cap), less the priced capacity and tokens of the option's members, plus their
 * quota rewards. Built once per pass; the per-option sums are precomputed.
 */
final class PricedValues {
  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SideLimits limits;
  private final DualPrices prices;
  private final double[] perQuery;
  private final double[] perToken;

  PricedValues(AssignmentProblem problem, FixedPointTable table, SideLimits limits, DualPrices prices) {
    this.problem = problem;
    this.table = table;
    this.limits = limits;
    this.prices = prices;
    this.perQuery = prices.perQueryCharge(limits);
    this.perToken = prices.perTokenCharge(limits);
  }

  /** Price per dollar of query i's cost: the budget's plus its capped tenant's. */
  double costPrice(int i) {
    return prices.budget() + (limits.tenantOf[i] >= 0 ? prices.tenant()[limits.tenantOf[i]] : 0);
  }

  /** Value of option o for query i, given {@code costPrice(i)}. */
  double value(int i, int o, double costPrice) {
    return problem.quality(i, o) - costPrice * FixedPoint.fromNano(table.costNano(i, o)) - perQuery[o]
        - perToken[o] * limits.tokens[i];
  }
}
