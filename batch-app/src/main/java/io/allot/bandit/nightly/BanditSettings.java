package io.allot.bandit.nightly;

import io.allot.bandit.TiUcbSettings;
import io.allot.config.AllotProperties;

/**
 * The nightly TI-UCB step's settings (allot.bandit.* in conf/application.yml). One pull is one
 * night's mean outcome score of a model, so the window is counted in nights.
 *
 * @param minObservations an arm with fewer observed nights always gets an exploration quota
 * @param explorationShare the share of the night's queries one explored arm gets at least
 * @param maxExplorationShare all quotas together stay below this share (scaled down if needed)
 * @param baselineDays the nights whose mean reward the trend-adjusted quality is compared with
 *     (the score step learns quality from the same window of history)
 */
public record BanditSettings(boolean enabled, TiUcbSettings tiUcb, int minObservations, double explorationShare,
    double maxExplorationShare, int baselineDays) {

  public BanditSettings {
    if (minObservations < 0) {
      throw new IllegalArgumentException("allot.bandit.min-observations is " + minObservations + "; it must be >= 0");
    }
    share("allot.bandit.exploration-share", explorationShare);
    share("allot.bandit.max-exploration-share", maxExplorationShare);
    if (baselineDays < 1) {
      throw new IllegalArgumentException("the baseline window is " + baselineDays + " nights; it must be >= 1");
    }
  }

  /** From allot.bandit.*; the baseline window is the run's history window (at least one night). */
  public static BanditSettings of(AllotProperties.Bandit b, int historyDays) {
    try {
      return new BanditSettings(b.enabled(), new TiUcbSettings(b.window(), b.gamma(), b.explorationC(),
          b.slopeConfidence()),
          b.minObservations(), b.explorationShare(), b.maxExplorationShare(), Math.max(1, historyDays));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("allot.bandit settings: " + e.getMessage(), e);
    }
  }

  private static void share(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " is " + v + "; it must be a share in [0,1]");
    }
  }
}
