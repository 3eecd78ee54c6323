package io.allot.solve;

import java.util.Arrays;

/**
 * Picks the queries worth handing to the local search when there are too many for it: those whose
 * best option beats the runner-up by the least at the budget price. The others would need a large
 * price change to move, so fixing them costs little (docs/solver.md, "10M queries and more").
 */
final class ContestedQueries {
  private ContestedQueries() {}

  /** Indexes of the {@code limit} smallest regrets, ties to the lower index, in ascending order. */
  static int[] select(double[] regret, int limit) {
    int n = regret.length;
    if (limit >= n) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i);
      return all;
    }
    double[] sorted = regret.clone();
    Arrays.sort(sorted);
    double threshold = sorted[limit - 1];
    int below = 0;
    for (double r : regret) {
      if (r < threshold) {
        below++;
      }
    }
    int atThreshold = limit - below;
    int[] picked = new int[limit];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (regret[i] < threshold) {
        picked[k++] = i;
      } else if (regret[i] == threshold && atThreshold > 0) {
        picked[k++] = i;
        atThreshold--;
      }
    }
    return picked;
  }

  /**
   * How much the best option beats the runner-up at {@code prices}, per query; infinite for a
   * query with one allowed option. Small values mark the queries whose choice the prices barely
   * decide.
   */
  static double[] regret(AssignmentProblem problem, FixedPointTable table, SideLimits limits, DualPrices prices) {
    return regret(new LocalQueryPasses(problem, table, limits), prices);
  }

  /** {@link #regret(AssignmentProblem, FixedPointTable, SideLimits, DualPrices)} wherever the queries are, in query order. */
  static double[] regret(QueryPasses queries, DualPrices prices) {
    double[] regret = new double[queries.queryCount()];
    int k = 0;
    for (double[] b : queries.map((view, from, to) -> regretOf(view, prices, from, to))) {
      System.arraycopy(b, 0, regret, k, b.length);
      k += b.length;
    }
    return regret;
  }

  private static double[] regretOf(QueryPasses.QueryView view, DualPrices prices, int from, int to) {
    FixedPointTable table = view.table();
    int m = table.optionCount();
    PricedValues values = new PricedValues(view.problem(), table, view.limits(), prices);
    double[] regret = new double[to - from];
    for (int i = from; i < to; i++) {
      double lambda = values.costPrice(i);
      double first = Double.NEGATIVE_INFINITY;
      double second = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < m; j++) {
        if (!table.isAllowed(i, j)) {
          continue;
        }
        double v = values.value(i, j, lambda);
        if (v > first) {
          second = first;
          first = v;
        } else if (v > second) {
          second = v;
        }
      }
      regret[i - from] = second == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : first - second;
    }
    return regret;
  }
}
