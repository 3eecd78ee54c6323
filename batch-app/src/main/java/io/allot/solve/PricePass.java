package io.allot.solve;

import java.util.List;

/**
 * One pass at fixed prices: every query takes its best option (ties to the cheaper, then the lower
 * index), and the pass returns the dual value L(prices) and the choice's totals against every
 * limit. The totals come out of the same pass, so checking whether a price meets its limit needs
 * no second loop over the queries. Blocks of queries run in parallel ({@link QueryBlocks}).
 */
final class PricePass {
  /** L(prices) and the choice's totals. */
  record Result(double value, LoadLedger usage) {}

  private record Block(double value, LoadLedger usage) {}

  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SideLimits limits;

  PricePass(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this.problem = problem;
    this.table = table;
    this.limits = limits;
  }

  /** Fills {@code choice} with each query's best option at {@code prices}. */
  Result run(DualPrices prices, int[] choice) {
    PricedValues values = new PricedValues(problem, table, limits, prices);
    List<Block> blocks = QueryBlocks.map(choice.length, (from, to) -> block(values, choice, from, to));
    double sum = prices.constant(limits);
    LoadLedger usage = new LoadLedger(limits, table);
    for (Block b : blocks) {
      sum += b.value();
      usage.addAll(b.usage());
    }
    return new Result(sum, usage);
  }

  private Block block(PricedValues values, int[] choice, int from, int to) {
    int m = problem.optionCount();
    LoadLedger usage = new LoadLedger(limits, table);
    double sum = 0;
    for (int i = from; i < to; i++) {
      double lambda = values.costPrice(i);
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      double bestCost = Double.POSITIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        // A not-allowed option is worth -infinity: it can only be taken before an allowed one is seen.
        double value = values.value(i, j, lambda);
        double c = values.costUsd(i, j);
        if (value > bestValue || (value == bestValue && c < bestCost)) {
          best = j;
          bestValue = value;
          bestCost = c;
        }
      }
      choice[i] = best;
      sum += bestValue;
      usage.add(i, best);
    }
    return new Block(sum, usage);
  }
}
