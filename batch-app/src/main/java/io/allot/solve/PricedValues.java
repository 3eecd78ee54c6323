package io.allot.solve;

/**
 * The value of each (query, option) at fixed prices: quality less the priced cost (budget and the
 * query's tenant cap), less the priced capacity and tokens of the option's members, plus their
 * quota rewards. Built once per pass; the per-option sums are precomputed.
 */
final class PricedValues {
  private final int m;
  private final double[] quality;
  private final double[] costUsd;
  private final SideLimits limits;
  private final long[] tokens;
  private final DualPrices prices;
  private final double[] perQuery;
  private final double[] perToken;

  PricedValues(AssignmentProblem problem, FixedPointTable table, SideLimits limits, DualPrices prices) {
    this.m = problem.optionCount();
    this.quality = table.pricedQuality;
    this.costUsd = table.pricedCostUsd;
    this.limits = limits;
    this.tokens = limits.tokens;
    this.prices = prices;
    this.perQuery = prices.perQueryCharge(limits);
    this.perToken = prices.perTokenCharge(limits);
  }

  /** Price per dollar of query i's cost: the budget's plus its capped tenant's. */
  double costPrice(int i) {
    return prices.budget() + (limits.tenantOf[i] >= 0 ? prices.tenant()[limits.tenantOf[i]] : 0);
  }

  /** Value of option o for query i, given {@code costPrice(i)}; -infinity when o is not allowed for i. */
  double value(int i, int o, double costPrice) {
    int k = i * m + o;
    return quality[k] - costPrice * costUsd[k] - perQuery[o] - perToken[o] * tokens[i];
  }

  /**
   * Query i's best option (ties to the cheaper, then the lower index): the one per-query rule every
   * pass uses, on the driver or on a Spark executor.
   */
  int best(int i) {
    double lambda = costPrice(i);
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    double bestCost = Double.POSITIVE_INFINITY;
    for (int j = 0; j < m; j++) {
      // A not-allowed option is worth -infinity: it can only be taken before an allowed one is seen.
      double value = value(i, j, lambda);
      double c = costUsd(i, j);
      if (value > bestValue || (value == bestValue && c < bestCost)) {
        best = j;
        bestValue = value;
        bestCost = c;
      }
    }
    return best;
  }

  /** Query i's cost on option o in USD (0 when not allowed). */
  double costUsd(int i, int o) {
    return costUsd[i * m + o];
  }
}
