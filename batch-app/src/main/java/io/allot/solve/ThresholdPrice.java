package io.allot.solve;

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
  private final QueryPasses queries;
  private final SideLimits limits;
  /** Passes over the queries so far (one per margins computation). */
  int passes;
  /** Each query's tokens in global order, fetched once when a token price is first sought. */
  private long[] tokens;

  ThresholdPrice(QueryPasses queries, SideLimits limits) {
    this.queries = queries;
    this.limits = limits;
  }

  /** d_i for model j at {@code prices} with j's own capacity, token and quota prices left out, in query order. */
  private double[] margins(DualPrices prices, int j) {
    passes++;
    return concat(queries.map((view, from, to) -> marginsOf(view, prices, j, from, to)), queries.queryCount());
  }

  private static double[] concat(java.util.List<double[]> blocks, int n) {
    double[] d = new double[n];
    int k = 0;
    for (double[] b : blocks) {
      System.arraycopy(b, 0, d, k, b.length);
      k += b.length;
    }
    return d;
  }

  private long[] tokens() {
    if (tokens == null) {
      tokens = new long[queries.queryCount()];
      int k = 0;
      for (long[] b : queries.map((view, from, to) -> java.util.Arrays.copyOfRange(view.limits().tokens, from, to))) {
        System.arraycopy(b, 0, tokens, k, b.length);
        k += b.length;
      }
    }
    return tokens;
  }

  private static double[] marginsOf(QueryPasses.QueryView view, DualPrices prices, int j, int from, int to) {
    SideLimits limits = view.limits();
    PricedValues values = new PricedValues(view.problem(), view.table(), limits, prices);
    double[] d = new double[to - from];
    int m = limits.m;
    boolean[] calls = new boolean[m];
    for (int o = 0; o < m; o++) {
      calls[o] = limits.calls(o, j);
    }
    double ownPerQuery = prices.capacity()[j] - prices.quota()[j];
    double ownPerToken = prices.token()[j];
    for (int i = from; i < to; i++) {
      double lambda = values.costPrice(i);
      double own = ownPerQuery + ownPerToken * limits.tokens[i];
      double with = Double.NEGATIVE_INFINITY;
      double without = Double.NEGATIVE_INFINITY;
      for (int o = 0; o < m; o++) {
        double v = values.value(i, o, lambda); // -infinity when not allowed
        if (calls[o]) {
          with = v + own > with ? v + own : with;
        } else {
          without = v > without ? v : without;
        }
      }
      d[i - from] = with == Double.NEGATIVE_INFINITY ? Double.NEGATIVE_INFINITY
          : without == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : with - without;
    }
    return d;
  }

  /** Smallest price per query on model j that keeps at most its capacity of queries on it. */
  double capacity(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    int k = 0;
    for (double x : d) {
      if (x >= 0) {
        d[k++] = x;
      }
    }
    // The (cap+1)-th largest margin must fall to "not calling": price just above it.
    double kth = WeightedSelect.largestAbove(d, null, k, limits.queryCap[j]);
    return Double.isNaN(kth) ? 0 : above(kth);
  }

  /** Smallest price per token on model j that keeps its tokens within capacity. */
  double token(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    int n = d.length;
    long forced = 0;
    int k = 0;
    long[] all = tokens();
    long[] tokens = new long[n];
    for (int i = 0; i < n; i++) {
      if (d[i] == Double.POSITIVE_INFINITY || d[i] >= 0 && all[i] == 0) {
        forced += all[i];
      } else if (d[i] >= 0) {
        tokens[k] = all[i];
        d[k++] = d[i] / all[i];
      }
    }
    // Taking queries by falling margin per token, the first that no longer fits sets the price:
    // the largest ratio r whose queries with ratio >= r need more tokens than are left.
    double ratio = WeightedSelect.largestAbove(d, tokens, k, limits.tokenCap[j] - forced);
    return Double.isNaN(ratio) ? 0 : above(ratio);
  }

  /** Smallest reward per query on model j that brings at least its quota of queries to it. */
  double quota(DualPrices prices, int j) {
    double[] d = margins(prices, j);
    long min = limits.minQueries[j];
    int k = 0;
    for (double x : d) {
      if (x > Double.NEGATIVE_INFINITY) {
        d[k++] = x;
      }
    }
    if (k < min) {
      return Double.NaN;
    }
    double threshold = WeightedSelect.largestAbove(d, null, k, min - 1); // the min-th largest margin
    return threshold > 0 ? 0 : above(-threshold);
  }

  /** A price just past a margin, so that the query at the threshold tips the right way. */
  static double above(double x) {
    return x + Math.max(1e-12, Math.abs(x) * 1e-9);
  }
}
