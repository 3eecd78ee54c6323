package io.allot.solve;

/**
 * The threshold of a weighted count without sorting: the largest key r such that the keys >= r
 * weigh more than a given amount. Expected linear time (quickselect with a median-of-three pivot,
 * which is deterministic), where sorting a million margins per price would cost far more than the
 * pass that computed them.
 */
final class WeightedSelect {
  private WeightedSelect() {}

  /**
   * @param keys the first {@code length} entries are used; reordered in place
   * @param weights weight of each key (reordered with it); null = every key weighs 1
   * @return the largest key r with sum of weights of keys >= r above {@code threshold}, or NaN when
   *     all keys together weigh no more than that
   */
  static double largestAbove(double[] keys, long[] weights, int length, long threshold) {
    int lo = 0;
    int hi = length;
    long above = 0; // weight of the keys already known to be larger than everything in [lo, hi)
    while (lo < hi) {
      double pivot = medianOfThree(keys[lo], keys[lo + (hi - lo) / 2], keys[hi - 1]);
      // Three-way partition of [lo, hi): > pivot | == pivot | < pivot.
      int gt = lo;
      int i = lo;
      int lt = hi;
      long wGreater = 0;
      long wEqual = 0;
      while (i < lt) {
        double k = keys[i];
        long w = weights == null ? 1 : weights[i];
        if (k > pivot) {
          wGreater += w;
          swap(keys, weights, gt++, i++);
        } else if (k < pivot) {
          swap(keys, weights, i, --lt);
        } else {
          wEqual += w;
          i++;
        }
      }
      if (gt > lo && above + wGreater > threshold) {
        hi = gt;
      } else if (above + wGreater + wEqual > threshold) {
        return pivot;
      } else {
        above += wGreater + wEqual;
        lo = lt;
      }
    }
    return Double.NaN;
  }

  private static double medianOfThree(double a, double b, double c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  private static void swap(double[] keys, long[] weights, int a, int b) {
    double k = keys[a];
    keys[a] = keys[b];
    keys[b] = k;
    if (weights != null) {
      long w = weights[a];
      weights[a] = weights[b];
      weights[b] = w;
    }
  }
}
