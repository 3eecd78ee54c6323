package io.allot.bandit;

/**
 * TI-UCB's index of one arm's current segment, kept in its parts so that a report can say why an
 * arm is explored: index = level + levelBonus + trendBonus.
 *
 * <ul>
 *   <li>level: the predicted next reward (the trend when its slope is significant, else the
 *       segment mean), never below the segment mean: a slope that looks negative on few pulls must
 *       not bury an arm that may still rise.
 *   <li>levelBonus = c * sigma * sqrt(2 ln t / n): a sub-Gaussian confidence bonus with the noise sd
 *       sigma estimated from the segment's residuals, so precise rewards need little exploration.
 *   <li>trendBonus = max(0, slope + z_t * se(slope)) * lookahead, with z_t = a * sqrt(2 ln t): how
 *       much the arm could still rise over the look-ahead if its slope were as steep as the data
 *       allow. se(slope) = sigma * sqrt(12) / n^1.5 shrinks fast, so a flat arm soon falls back to
 *       mean + levelBonus, while an arm that is plausibly rising stays optimistic. z_t grows with
 *       ln t so that an arm given up on after an unlucky start is tried again.
 * </ul>
 *
 * @param noiseSd the sigma used for both bonuses
 */
public record OptimisticIndex(double level, double levelBonus, double trendBonus, double noiseSd) {
  /** A segment needs this many pulls for a residual sd; below it the index is +infinity. */
  public static final int MIN_PULLS = 3;
  /**
   * sigma^2 = s^2 + PRIOR / (n - 2)^2, s the residual sd: a few lucky early rewards must not make
   * an arm look certain, so the largest variance of a reward in [0,1] (0.25), counted twice, is
   * added and fades like 1/n^2. A constant-weight prior would instead dominate the quiet nightly
   * rewards (sd about 0.01) for thousands of nights.
   */
  static final double PRIOR = 0.5;

  /** The index of a segment that is too short to estimate: +infinity, so it is played first. */
  public static final OptimisticIndex UNEXPLORED = new OptimisticIndex(0, Double.POSITIVE_INFINITY, 0,
      Double.POSITIVE_INFINITY);

  public double value() {
    return level + levelBonus + trendBonus;
  }

  /**
   * @param fit the least-squares trend of the segment
   * @param mean the segment's mean reward
   * @param prediction TI-UCB's prediction of the next reward
   * @param t the round (from 1)
   * @param c the level bonus' multiplier
   * @param slopeConfidence a in z_t = a * sqrt(2 ln t)
   * @param lookahead how many pulls ahead an optimistic slope is extrapolated
   */
  public static OptimisticIndex of(LinearTrend fit, double mean, double prediction, long t, double c,
      double slopeConfidence, double lookahead) {
    int n = fit.points();
    if (n < MIN_PULLS) {
      return UNEXPLORED;
    }
    double sd = noiseSd(fit);
    double logT = Math.log(Math.max(t, 1));
    double levelBonus = c * sd * Math.sqrt(2 * logT / n);
    double slopeSe = sd / Math.sqrt(n * ((double) n * n - 1) / 12.0);
    double z = slopeConfidence * Math.sqrt(2 * logT);
    double trendBonus = Math.max(0, fit.slope() + z * slopeSe) * lookahead;
    return new OptimisticIndex(Math.max(prediction, mean), levelBonus, trendBonus, sd);
  }

  /** The segment's residual sd with the fading prior described above (n >= 3). */
  static double noiseSd(LinearTrend fit) {
    int n = fit.points();
    double s = fit.residualSd();
    return Math.sqrt(s * s + PRIOR / ((double) (n - 2) * (n - 2)));
  }
}
