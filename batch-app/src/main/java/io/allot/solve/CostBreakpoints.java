package io.allot.solve;

import java.util.Arrays;

/**
 * The exact smallest price on cost (the budget's, or one capped tenant's) at which the choice fits
 * its limit, the other prices fixed, in two passes instead of a bisection.
 *
 * <p>Along this one price p every option's value is a line a_o - p c_o, so as p grows each query
 * steps down its upper envelope to cheaper options at breakpoints. The cost the choice spends falls
 * by a known amount at each breakpoint; the answer is the breakpoint where the total falls to the
 * limit. The first pass sums the falls into buckets (the top bits of the breakpoint's binary form,
 * which sort like the numbers), the second keeps only the breakpoints of the bucket where the
 * limit is crossed and selects among them ({@link WeightedSelect}), so no array of all n x options
 * breakpoints is ever held. The first pass already keeps the breakpoints of the buckets around the
 * one where the limit was crossed the last time this price was sought; in later rounds of the coordinate search
 * and on neighbouring Pareto levels it usually is the same bucket, and the second pass is skipped.
 */
final class CostBreakpoints {
  private static final int BUCKET_SHIFT = 48;
  private static final int BUCKETS = 1 << (63 - BUCKET_SHIFT);
  /** The first pass keeps the breakpoints of this many buckets either side of the predicted one. */
  private static final int NEAR = 2;

  private final QueryPasses queries;
  private final SideLimits limits;
  /** Per price (index 0 the budget, t + 1 tenant t): the bucket where its limit was last crossed. */
  private final int[] lastCrossing;
  /** Per price, the last answer (0: none yet), the centre of the next search's first bracket. */
  private final double[] lastPrice;
  /** Passes over the queries so far (each walk of the envelopes is one). */
  int passes;
  /** Markers: the answer lies below / above the bracket searched. */
  private static final double BELOW = -1;
  private static final double ABOVE = -2;

  CostBreakpoints(QueryPasses queries, SideLimits limits) {
    this.queries = queries;
    this.limits = limits;
    this.lastCrossing = new int[limits.tenantCount() + 1];
    java.util.Arrays.fill(lastCrossing, -1);
    this.lastPrice = new double[limits.tenantCount() + 1];
  }

  /** Receives each breakpoint of one query: at price {@code at} its cost falls by {@code drop} nano-USD. */
  private interface Sink {
    void breakpoint(double at, long drop);
  }

  private static final class Histogram implements java.io.Serializable {
    long start;
    final long[] drop = new long[BUCKETS];
    final Kept predicted = new Kept();

    /** Integer sums and a concatenation: exact in any grouping (the selection ignores order). */
    static Histogram merge(Histogram a, Histogram b) {
      a.start += b.start;
      for (int i = 0; i < BUCKETS; i++) {
        a.drop[i] += b.drop[i];
      }
      a.predicted.addAll(b.predicted);
      return a;
    }
  }

  private static final class Kept implements java.io.Serializable {
    double[] at = new double[64];
    long[] drop = new long[64];
    int size;

    void add(double a, long d) {
      if (size == at.length) {
        at = Arrays.copyOf(at, size * 2);
        drop = Arrays.copyOf(drop, size * 2);
      }
      at[size] = a;
      drop[size++] = d;
    }

    Kept addAll(Kept other) {
      for (int e = 0; e < other.size; e++) {
        add(other.at[e], other.drop[e]);
      }
      return this;
    }
  }

  /**
   * @param tenant index of the capped tenant whose price is sought, or -1 for the budget
   * @return the smallest price at which the choice's cost (the tenant's, or the total) is within
   *     the limit; NaN when no finite price brings it there
   */
  double smallestFitting(DualPrices prices, int tenant) {
    double guess = lastPrice[tenant + 1];
    double result;
    if (guess > 0) {
      // Most searches land near the last answer: walk only the envelopes between half and twice it.
      result = within(prices, tenant, guess / 2, guess * 2);
      if (result == BELOW) {
        result = within(prices, tenant, 0, guess / 2);
      } else if (result == ABOVE) {
        result = within(prices, tenant, guess * 2, Double.POSITIVE_INFINITY);
      }
    } else {
      result = within(prices, tenant, 0, Double.POSITIVE_INFINITY);
    }
    if (result == ABOVE) {
      return Double.NaN;
    }
    lastPrice[tenant + 1] = result;
    return result;
  }

  /** The answer when it lies in [lo, hi]; {@link #BELOW} or {@link #ABOVE} when it lies outside. */
  private double within(DualPrices prices, int tenant, double lo, double hi) {
    long limit = tenant < 0 ? limits.budgetNano : limits.tenantCapNano[tenant];
    passes++;
    int predicted = lastCrossing[tenant + 1];
    Histogram total = queries.reduce((view, from, to) -> {
      Histogram h = new Histogram();
      h.start = walk(view, prices, tenant, lo, hi, from, to, (at, d) -> {
        int b = bucket(at);
        h.drop[b] += d;
        if (predicted >= 0 && Math.abs(b - predicted) <= NEAR) {
          h.predicted.add(at, d);
        }
      });
      return h;
    }, Histogram::merge);
    long start = total.start;
    long[] drop = total.drop;
    long need = start - limit;
    if (need <= 0) {
      return lo == 0 ? 0 : BELOW;
    }
    long before = 0;
    int crossing = 0;
    while (crossing < BUCKETS && before + drop[crossing] < need) {
      before += drop[crossing++];
    }
    if (crossing == BUCKETS) {
      return ABOVE;
    }
    int target = crossing;
    lastCrossing[tenant + 1] = target;
    boolean keptAlready = predicted >= 0 && Math.abs(target - predicted) <= NEAR;
    passes += keptAlready ? 0 : 1;
    Kept kept = keptAlready ? total.predicted
        : queries.reduce((view, from, to) -> {
          Kept k = new Kept();
          walk(view, prices, tenant, lo, hi, from, to, (at, d) -> {
            if (bucket(at) == target) {
              k.add(at, d);
            }
          });
          return k;
        }, Kept::addAll);
    Kept all = new Kept();
    for (int e = 0; e < kept.size; e++) {
      if (bucket(kept.at[e]) == target) {
        all.add(-kept.at[e], kept.drop[e]); // negated: the largest -p is the smallest p
      }
    }
    return -WeightedSelect.largestAbove(all.at, all.drop, all.size, need - before - 1);
  }

  private static int bucket(double at) {
    return (int) (Double.doubleToRawLongBits(at) >>> BUCKET_SHIFT);
  }

  /**
   * Walks each query's envelope from price lo up to hi and reports its breakpoints in (lo, hi];
   * returns the cost of the choice at price lo (of the tenant's queries only, for a tenant price).
   */
  private static long walk(QueryPasses.QueryView view, DualPrices prices, int tenant, double lo, double hi, int from,
      int to, Sink sink) {
    SideLimits limits = view.limits();
    FixedPointTable table = view.table();
    int m = limits.m;
    PricedValues values = new PricedValues(view.problem(), table, limits, prices);
    double[] base = new double[m];
    long start = 0;
    for (int i = from; i < to; i++) {
      if (tenant >= 0 && limits.tenantOf[i] != tenant) {
        continue;
      }
      // Values at this price 0 (the other cost price stays in), and the choice at lo.
      int t = limits.tenantOf[i];
      double other = tenant >= 0 ? prices.budget() : t >= 0 ? prices.tenant()[t] : 0;
      int cur = -1;
      double curValue = Double.NEGATIVE_INFINITY;
      double curUsd = Double.POSITIVE_INFINITY;
      int last = -1; // the choice at hi
      double lastValue = Double.NEGATIVE_INFINITY;
      double lastUsd = Double.POSITIVE_INFINITY;
      for (int o = 0; o < m; o++) {
        double c = values.costUsd(i, o);
        base[o] = values.value(i, o, other); // -infinity when not allowed
        double v = base[o] - lo * c;
        if (v > curValue || v == curValue && c < curUsd) {
          cur = o;
          curValue = v;
          curUsd = c;
        }
        double w = base[o] - hi * c;
        if (w > lastValue || w == lastValue && c < lastUsd) {
          last = o;
          lastValue = w;
          lastUsd = c;
        }
      }
      start += table.costNano(i, cur);
      if (cur == last && hi < Double.POSITIVE_INFINITY) {
        continue; // an option, once left, never comes back: no breakpoint in (lo, hi]
      }
      double at = lo;
      while (true) {
        int next = -1;
        double nextAt = Double.POSITIVE_INFINITY;
        double nextUsd = Double.POSITIVE_INFINITY;
        for (int o = 0; o < m; o++) {
          double c = values.costUsd(i, o);
          if (!(c < curUsd) || base[o] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double p = Math.max(at, (base[cur] - base[o]) / (curUsd - c));
          // On a tie the cheapest option of those meeting at p takes over (the passes' tie rule).
          if (p < nextAt || p == nextAt && c < nextUsd) {
            next = o;
            nextAt = p;
            nextUsd = c;
          }
        }
        if (next < 0 || nextAt > hi) {
          break;
        }
        sink.breakpoint(nextAt, table.costNano(i, cur) - table.costNano(i, next));
        at = nextAt;
        cur = next;
        curUsd = nextUsd;
      }
    }
    return start;
  }
}
