package io.allot.bandit;

/**
 * A least-squares line reward ~ slope * n + intercept over consecutive pull numbers n. A single
 * point, or a flat run, gives slope 0 and the mean as intercept: on a converged segment the
 * prediction is just the segment mean.
 */
public record LinearTrend(double slope, double intercept, int points, double slopeStdError) {

  /** A fit without an error estimate (exact or single-point data). */
  public LinearTrend(double slope, double intercept, int points) {
    this(slope, intercept, points, 0);
  }

  /** The fitted reward at pull number {@code n}. */
  public double predict(double n) {
    return slope * n + intercept;
  }

  /**
   * How much the fit says the reward rises over {@code length} pulls. TI-UCB's change detection
   * compares this between two consecutive half-windows.
   */
  public double increaseOver(int length) {
    return slope * length;
  }

  /**
   * The fit over pulls {@code from..to} from the sum of rewards and of n * reward. The pull numbers
   * are consecutive integers, so their own sums have closed forms.
   */
  static LinearTrend fromSums(int from, int to, double sumY, double sumXY, double sumYY) {
    int k = to - from + 1;
    double meanX = (from + (double) to) / 2;
    double meanY = sumY / k;
    if (k < 2) {
      return new LinearTrend(0, meanY, k);
    }
    // Sxx = sum (x - meanX)^2 = k (k^2 - 1) / 12 for k consecutive integers.
    double sxx = k * ((double) k * k - 1) / 12.0;
    double sxy = sumXY - k * meanX * meanY;
    double slope = sxy / sxx;
    // residual sum of squares = Syy - slope * Sxy; its k-2 degrees of freedom give the slope's error
    double syy = sumYY - k * meanY * meanY;
    double rss = Math.max(0, syy - slope * sxy);
    double se = k > 2 ? Math.sqrt(rss / (k - 2) / sxx) : Double.POSITIVE_INFINITY;
    return new LinearTrend(slope, meanY - slope * meanX, k, se);
  }

  /**
   * True when the slope is clearly not zero (more than {@code z} standard errors away). TI-UCB
   * predicts with a flat mean otherwise: extrapolating a noise slope only adds variance.
   */
  public boolean isSignificant(double z) {
    return Math.abs(slope) > z * slopeStdError;
  }

  /**
   * The sd of the residuals around the line (k - 2 degrees of freedom): an estimate of the reward
   * noise that the trend does not explain. Infinite below three points.
   */
  public double residualSd() {
    if (points < 3) {
      return Double.POSITIVE_INFINITY;
    }
    return slopeStdError * Math.sqrt(points * ((double) points * points - 1) / 12.0);
  }
}
