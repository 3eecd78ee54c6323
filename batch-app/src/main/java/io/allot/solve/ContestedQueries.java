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
    return decided(queries, prices).regret();
  }

  /** Each query's regret ({@link #regret}) and its best option at the prices (-1: none allowed), in query order. */
  record Decided(double[] regret, int[] best) implements java.io.Serializable {}

  static Decided decided(QueryPasses queries, DualPrices prices) {
    int n = queries.queryCount();
    Decided all = new Decided(new double[n], new int[n]);
    int k = 0;
    for (Decided b : queries.map((view, from, to) -> decidedOf(view, prices, from, to))) {
      System.arraycopy(b.regret(), 0, all.regret(), k, b.regret().length);
      System.arraycopy(b.best(), 0, all.best(), k, b.best().length);
      k += b.regret().length;
    }
    return all;
  }

  /**
   * Adds to {@code picked} up to {@code count} of the least decided queries whose best option is
   * one of {@code options}, among those not picked yet; returns the new ascending set.
   */
  static int[] addOnOptions(int[] picked, Decided decided, boolean[] options, long count) {
    boolean[] in = new boolean[decided.regret().length];
    for (int i : picked) {
      in[i] = true;
    }
    double[] candidates = new double[decided.regret().length];
    int available = 0;
    for (int i = 0; i < candidates.length; i++) {
      boolean candidate = !in[i] && decided.best()[i] >= 0 && options[decided.best()[i]];
      candidates[i] = candidate ? decided.regret()[i] : Double.POSITIVE_INFINITY;
      available += candidate ? 1 : 0;
    }
    int add = (int) Math.min(count, available);
    if (add == 0) {
      return picked;
    }
    for (int i : select(candidates, add)) {
      in[i] = true;
    }
    int[] out = new int[picked.length + add];
    int k = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  private static Decided decidedOf(QueryPasses.QueryView view, DualPrices prices, int from, int to) {
    FixedPointTable table = view.table();
    int m = table.optionCount();
    PricedValues values = new PricedValues(view.problem(), table, view.limits(), prices);
    Decided out = new Decided(new double[to - from], new int[to - from]);
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
      out.regret()[i - from] = second == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : first - second;
      out.best()[i - from] = values.best(i); // the fixed queries' choice (DistributedSolve#write), ties included
    }
    return out;
  }
}
