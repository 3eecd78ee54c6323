package io.allot.bandit;

/**
 * TI-UCB's knobs.
 *
 * @param window w: change detection looks at the last w pulls of an arm's current segment, and the
 *     index extrapolates an optimistic slope w pulls ahead
 * @param gamma the change threshold: the rise predicted over a half-window by the older half's fit
 *     and by the newer half's fit must differ by more than this (in reward units)
 * @param exploration c in the level bonus c * sigma * sqrt(2 ln t / n_seg) (sigma: the segment's
 *     residual sd)
 * @param slopeConfidence a in the slope's upper bound slope + a * sqrt(2 ln t) * se(slope)
 */
public record TiUcbSettings(int window, double gamma, double exploration, double slopeConfidence) {

  /** The simulator's defaults (chosen once on 10^4 and 10^5 rounds, used for every scenario). */
  public static final double SIMULATOR_GAMMA = 0.15;
  public static final double SIMULATOR_C = 1.0;
  /**
   * The default a, simulator and nightly alike: 0.6 keeps flat arms cheap (a trend bonus
   * multiplies the slope's error by the look-ahead w) while still finding rested rising arms.
   */
  public static final double DEFAULT_SLOPE_CONFIDENCE = 0.6;

  /** Settings with the default slope confidence. */
  public TiUcbSettings(int window, double gamma, double exploration) {
    this(window, gamma, exploration, DEFAULT_SLOPE_CONFIDENCE);
  }

  /**
   * The simulator's defaults for horizon T: w = T/25 (rounded to an even number), since the
   * scenarios' shapes scale with T, so a fixed w would see a 10x flatter rise at 10^5 than at 10^4.
   */
  public static TiUcbSettings forSimulation(long horizon) {
    return new TiUcbSettings(simulationWindow(horizon), SIMULATOR_GAMMA, SIMULATOR_C, DEFAULT_SLOPE_CONFIDENCE);
  }

  public static int simulationWindow(long horizon) {
    return (int) Math.max(4, Math.min(1 << 30, 2 * Math.round(horizon / 50.0)));
  }

  public TiUcbSettings {
    if (window < 4 || window % 2 != 0) {
      throw new IllegalArgumentException("TI-UCB window is " + window + "; it must be an even number >= 4");
    }
    if (!(gamma > 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("TI-UCB gamma is " + gamma + "; it must be a positive number");
    }
    if (!(exploration >= 0) || !Double.isFinite(exploration)) {
      throw new IllegalArgumentException("TI-UCB exploration constant c is " + exploration
          + "; it must be a number >= 0");
    }
    if (!(slopeConfidence >= 0) || !Double.isFinite(slopeConfidence)) {
      throw new IllegalArgumentException("TI-UCB slope confidence is " + slopeConfidence
          + "; it must be a number >= 0");
    }
  }
}
