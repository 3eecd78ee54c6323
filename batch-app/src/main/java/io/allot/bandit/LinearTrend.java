package io.allot.bandit;

/**
 * A least-squares line reward ~ slope * n + intercept over consecutive pull numbers n. A single
 * point, or a flat run, gives slope 0 and the mean as intercept: on a converged segment the
 * prediction is just the segment mean.
 */
public record LinearTrend(double slope, double intercept, int points) {

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
  static LinearTrend fromSums(int from, int to, double sumY, double sumXY) {
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
    return new LinearTrend(slope, meanY - slope * meanX, k);
  }
}
