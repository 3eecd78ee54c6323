package io.allot.bandit;

/**
 * TI-UCB's three knobs.
 *
 * @param window w: change detection looks at the last w pulls of an arm's current segment
 * @param gamma the change threshold: the rise predicted over a half-window by the older half's fit
 *     and by the newer half's fit must differ by more than this (in reward units)
 * @param exploration c in index = prediction + c * sqrt(log t / n_seg)
 */
public record TiUcbSettings(int window, double gamma, double exploration) {

  /** The simulator's default gamma and c (tuned once on 10^4 and 10^5 rounds, used for every scenario). */
  public static final double SIMULATOR_GAMMA = 0.15;
  public static final double SIMULATOR_C = 1.75;

  /**
   * The simulator's defaults for horizon T: w = T/25 (rounded to an even number), since the
   * scenarios' shapes scale with T, so a fixed w would see a 10x flatter rise at 10^5 than at 10^4.
   */
  public static TiUcbSettings forSimulation(long horizon) {
    return new TiUcbSettings(simulationWindow(horizon), SIMULATOR_GAMMA, SIMULATOR_C);
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
  }
}
