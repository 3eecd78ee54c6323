package io.allot.lab.bandit;

import java.util.Arrays;

/** Quantiles with linear interpolation between order statistics (R's type 7). */
final class Quantiles {
  private Quantiles() {}

  static double of(double[] values, double q) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }
}
