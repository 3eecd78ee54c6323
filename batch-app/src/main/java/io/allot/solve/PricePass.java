package io.allot.solve;

import java.io.Serializable;
import java.util.List;

/**
 * One pass at fixed prices: every query takes its best option (ties to the cheaper, then the lower
 * index), and the pass returns the dual value L(prices) and the choice's totals against every
 * limit. The totals come out of the same pass, so checking whether a price meets its limit needs
 * no second loop over the queries. Blocks of queries run in parallel ({@link QueryPasses}).
 */
final class PricePass {
  /** L(prices) and the choice's totals. */
  record Result(double value, LoadLedger usage) {}

  private record Block(double value, LoadLedger usage) implements Serializable {}

  private final QueryPasses passes;
  private final FixedPointTable table;
  private final SideLimits limits;

  PricePass(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this(new LocalQueryPasses(problem, table, limits), table, limits);
  }

  /** @param table, limits the driver's (for a Spark search: of the problem's header, no queries) */
  PricePass(QueryPasses passes, FixedPointTable table, SideLimits limits) {
    this.passes = passes;
    this.table = table;
    this.limits = limits;
  }

  /** Fills {@code choice} (when the queries are local and it is not null) with each query's best option. */
  Result run(DualPrices prices, int[] choice) {
    int[] out = passes.local() ? choice : null;
    List<Block> blocks = passes.map((view, from, to) -> block(view, prices, out, from, to));
    double sum = prices.constant(limits);
    LoadLedger usage = new LoadLedger(limits, table);
    for (Block b : blocks) {
      sum += b.value();
      usage.addAll(b.usage());
    }
    return new Result(sum, usage);
  }

  private static Block block(QueryPasses.QueryView view, DualPrices prices, int[] choice, int from, int to) {
    LoadLedger usage = new LoadLedger(view.limits(), view.table());
    PricedValues values = new PricedValues(view.problem(), view.table(), view.limits(), prices);
    double sum = 0;
    for (int i = from; i < to; i++) {
      int best = values.best(i);
      if (choice != null) {
        choice[i] = best;
      }
      sum += values.value(i, best, values.costPrice(i));
      usage.add(i, best);
    }
    return new Block(sum, usage);
  }
}
