package io.allot.solve;

import java.util.Arrays;

/**
 * The exact price of one model's query capacity, token capacity or quota, other prices fixed, in
 * one pass and a sort instead of a bisection.
 *
 * <p>With the model's own price at 0, let d_i be how much query i's best option that calls the
 * model beats its best option that does not. A price p per query makes the query call the model
 * iff d_i &gt;= p (per token: d_i / tokens_i &gt;= p; a quota reward nu: d_i &gt;= -nu). So the
 * smallest price that meets the limit is read off the sorted d_i. Ties at the threshold are
 * settled by the caller's check, which falls back to bisection.
 */
final class ThresholdPrice {
  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SideLimits limits;

  ThresholdPrice(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this.problem = problem;
    this.table = table;
    this.limits = limits;
  }

  /** d_i for model j at {@code prices} with j's own capacity, token and quota prices left out. */
  private double[] margins(DualPrices prices, int j) {
    PricedValues values = new PricedValues(problem, table, limits, prices);
    int m = limits.m;
    double[] d = new double[limits.n];
    for (int i = 0; i < d.length; i++) {
      double lambda = values.costPrice(i);
      double with = Double.NEGATIVE_INFINITY;
      double without = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < m; o++) {
        if (!table.isAllowed(i, o)) {
          continue;
        }
        double v = values.value(i, o, lambda);
        if (limits.calls(o, j)) {
          v += prices.capacity()[j] - prices.quota()[j] + prices.token()[j] * limits.tokens[i];
          with = Math.max(with, v);
        } else {
          without = Math.max(without, v);
        }
      }
      d[i] = with == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
          : without == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : with - without;
    }
    return d;
  }

  /** Smallest price per query on model j that keeps at most its capacity of queries on it. */
  double capacity(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    long cap = limits.queryCap[j];
    double[] positive = Arrays.stream(d).filter(x -> x >= 0).sorted().toArray();
    if (positive.length <= cap) {
      return 0;
    }
    // The (cap+1)-th largest margin must fall to "not calling": price just above it.
    return above(positive[positive.length - 1 - (int) cap]);
  }

  /** Smallest price per token on model j that keeps its tokens within capacity. */
  double token(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    int n = d.length;
    Integer[] order = new Integer[n];
    long forced = 0;
    int k = 0;
    double[] ratio = new double[n];
    for (int i = 0; i < n; i++) {
      if (d[i] == Double.POSITIVE_INFINITY || d[i] >= 0 && limits.tokens[i] == 0) {
        forced += limits.tokens[i];
      } else if (d[i] >= 0) {
        ratio[i] = d[i] / limits.tokens[i];
        order[k++] = i;
      }
    }
    Integer[] idx = Arrays.copyOf(order, k);
    Arrays.sort(idx, (a, b) -> Double.compare(ratio[b], ratio[a]));
    long used = forced;
    for (Integer i : idx) {
      if (used + limits.tokens[i] > limits.tokenCap[j]) {
        return above(ratio[i]);
      }
      used += limits.tokens[i];
    }
    return 0;
  }

  /** Smallest reward per query on model j that brings at least its quota of queries to it. */
  double quota(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    long min = limits.minQueries[j];
    double[] usable = Arrays.stream(d).filter(x -> x > Double.NEGATIVE_INFINITY).sorted().toArray();
    if (usable.length < min) {
      return Double.NaN;
    }
    double threshold = usable[usable.length - (int) min]; // the min-th largest margin
    return threshold > 0 ? 0 : above(-threshold);
  }

  /** A price just past a margin, so that the query at the threshold tips the right way. */
  private static double above(double x) {
    return x + Math.max(1e-12, Math.abs(x) * 1e-9);
  }
}
