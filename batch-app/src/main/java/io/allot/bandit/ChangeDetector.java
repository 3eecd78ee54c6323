package io.allot.bandit;

import java.util.Optional;

/**
 * TI-UCB's change detection. Over the last w pulls of an arm's current segment, fit the older and
 * the newer half-window separately and compare the rise each predicts over a half-window. When
 * they differ by more than gamma the trend has changed; when the newer half rises less, the arm
 * has converged (its fine-tuning stopped paying off).
 */
public final class ChangeDetector {
  private final int window;
  private final double gamma;

  public ChangeDetector(int window, double gamma) {
    new TiUcbSettings(window, gamma, 0); // validates
    this.window = window;
    this.gamma = gamma;
  }

  /**
   * A change found at the end of an arm's history.
   *
   * @param changePull the first pull of the newer half-window: where the new segment starts
   * @param detectedAtPull the pull at which the change was noticed
   * @param olderIncrease the rise over a half-window predicted by the older half's fit
   * @param newerIncrease the same for the newer half
   */
  public record Change(int changePull, int detectedAtPull, double olderIncrease, double newerIncrease) {
    /** True when the rise slowed down: the arm converged. */
    public boolean converged() {
      return newerIncrease < olderIncrease;
    }
  }

  public int window() {
    return window;
  }

  /**
   * Checks the last w pulls of {@code history}, provided they all lie in the segment starting at
   * {@code segmentStart} (a segment is only tested once it has w points of its own).
   */
  public Optional<Change> check(RewardHistory history, int segmentStart) {
    int end = history.count();
    int start = end - window + 1;
    if (start < segmentStart || start < 1) {
      return Optional.empty();
    }
    int half = window / 2;
    int mid = start + half;
    double older = history.trend(start, mid - 1).increaseOver(half);
    double newer = history.trend(mid, end).increaseOver(half);
    if (Math.abs(older - newer) > gamma) {
      return Optional.of(new Change(mid, end, older, newer));
    }
    return Optional.empty();
  }
}
