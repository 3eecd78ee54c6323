package io.allot.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * TI-UCB (Xia et al., WWW 2024), as docs/bandit.md describes it: per arm, a least-squares
 * trend of reward against the arm's pull count on its current segment predicts the next reward;
 * change detection over the last w pulls starts a new segment when the trend changes, so a
 * converged arm is then judged by its flat mean.
 *
 * <p>The index is {@link OptimisticIndex}: prediction + c * sigma * sqrt(2 ln t / n_seg) +
 * max(0, slope + a * sqrt(2 ln t) * se(slope)) * w, sigma being the segment's residual sd. Why not
 * the plain prediction + c * sqrt(ln t / n_seg): one constant c had to serve two needs that pull
 * apart. A rested rising arm (a model that only improves while it is used) must be played long
 * enough for its rise to show, which needed c = 1.75; a stationary arm is then explored far more
 * than UCB1 would (1.4x UCB1's regret at 10^5, 4.7x epsilon-greedy's at 10^4). The two bonuses
 * separate the needs: the level bonus scales with the measured noise, not the [0,1] range, and the
 * trend bonus keeps an arm in play only while a rise that matters over the next w pulls is still
 * plausible. For a flat arm se(slope) = sigma * sqrt(12) / n^1.5 falls fast, so its exploration cost
 * is bounded; an arm whose rise is significant stays optimistic until change detection sees it
 * level off. docs/benchmarks.md ("TI-UCB") has the measurements behind c = 1 and a = 0.6.
 */
public final class TiUcb implements BanditPolicy {
  public static final String NAME = "TI-UCB";
  /** Standard errors a slope must clear before TI-UCB extrapolates it (about a 95% two-sided test). */
  static final double SIGNIFICANT_SLOPE_Z = 2.0;

  private final TiUcbSettings settings;
  private final ChangeDetector detector;
  private final RewardHistory[] history;
  private final int[] segmentStart;
  private final List<DetectedChange> changes = new ArrayList<>();
  private final Random random;
  private long round;

  /** A change TI-UCB detected, with the round it was detected in. */
  public record DetectedChange(int arm, long round, ChangeDetector.Change change) {}

  public TiUcb(int arms, TiUcbSettings settings, long seed) {
    if (arms < 1) {
      throw new IllegalArgumentException("a bandit needs at least one arm; got " + arms);
    }
    this.settings = settings;
    this.detector = new ChangeDetector(settings.window(), settings.gamma());
    this.history = new RewardHistory[arms];
    this.segmentStart = new int[arms];
    for (int i = 0; i < arms; i++) {
      history[i] = new RewardHistory();
      segmentStart[i] = 1;
    }
    this.random = new Random(seed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(long t) {
    round = t;
    return Indexes.argmax(history.length, a -> index(a, t), random);
  }

  /** A reward seen in round {@code t} without {@link #select} (the nightly step observes every arm it can). */
  public void observe(int arm, double reward, long t) {
    round = t;
    update(arm, reward);
  }

  @Override
  public void update(int arm, double reward) {
    RewardHistory h = history[arm];
    h.add(reward);
    detector.check(h, segmentStart[arm]).ifPresent(change -> {
      segmentStart[arm] = change.changePull();
      changes.add(new DetectedChange(arm, round, change));
    });
  }

  /**
   * The prediction of the arm's next reward (NaN before its first pull): the segment's trend when
   * its slope is significant, else the segment mean, since a flat segment reduces to a mean.
   */
  public double prediction(int arm) {
    RewardHistory h = history[arm];
    if (h.count() == 0) {
      return Double.NaN;
    }
    LinearTrend fit = h.trend(segmentStart[arm], h.count());
    return fit.isSignificant(SIGNIFICANT_SLOPE_Z) ? fit.predict(h.count() + 1) : h.mean(segmentStart[arm], h.count());
  }

  /** The optimistic index (see {@link OptimisticIndex}); +infinity while the segment is too short to estimate. */
  public double index(int arm, long t) {
    return indexParts(arm, t).value();
  }

  /** The index in its parts: level, level bonus and trend bonus. */
  public OptimisticIndex indexParts(int arm, long t) {
    RewardHistory h = history[arm];
    if (segmentPulls(arm) < OptimisticIndex.MIN_PULLS) {
      return OptimisticIndex.UNEXPLORED;
    }
    int from = segmentStart[arm];
    return OptimisticIndex.of(h.trend(from, h.count()), h.mean(from, h.count()), prediction(arm), t,
        settings.exploration(), settings.slopeConfidence(), settings.window());
  }

  /** Pulls of the arm in its current segment. */
  public int segmentPulls(int arm) {
    return history[arm].count() - segmentStart[arm] + 1;
  }

  public int pulls(int arm) {
    return history[arm].count();
  }

  public RewardHistory history(int arm) {
    return history[arm];
  }

  public List<DetectedChange> changes() {
    return List.copyOf(changes);
  }

  public TiUcbSettings settings() {
    return settings;
  }
}
