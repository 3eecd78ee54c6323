package io.allot.generate;

/**
 * Standard normal CDF and its inverse. Only used while setting up skill thresholds (a few dozen
 * calls per run), so the inverse is a plain bisection rather than a rational approximation.
 */
final class Normal {
  private Normal() {
  }

  /** Abramowitz and Stegun 26.2.17; absolute error below 7.5e-8, plenty for skill tables. */
  static double cdf(double x) {
    if (x < 0) {
      return 1 - cdf(-x);
    }
    double t = 1 / (1 + 0.2316419 * x);
    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937
        + t * (-1.821255978 + t * 1.330274429))));
    return 1 - Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
  }

  static double inverseCdf(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0,1), got " + p);
    }
    double lo = -9;
    double hi = 9;
    for (int i = 0; i < 80; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
