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

  /** Defaults for the simulator's per-query rewards (tuned once, used for every scenario). */
  public static final TiUcbSettings SIMULATOR_DEFAULTS = new TiUcbSettings(200, 0.1, 0.5);

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
