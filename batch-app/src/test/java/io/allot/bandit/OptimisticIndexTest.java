package io.allot.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OptimisticIndexTest {
  private static final double C = 1.0;
  private static final double A = 0.6;
  /** The simulator's look-ahead at T = 10^4 (w = T/25). */
  private static final int LOOKAHEAD = 400;

  /** n pulls of start + slope * n plus Gaussian noise; the same seed gives the same noise draws. */
  private static RewardHistory arm(int n, double start, double slope, double sd, long seed) {
    Random r = new Random(seed);
    RewardHistory h = new RewardHistory();
    for (int i = 1; i <= n; i++) {
      h.add(start + slope * i + sd * r.nextGaussian());
    }
    return h;
  }

  private static OptimisticIndex index(RewardHistory h, long t) {
    LinearTrend fit = h.trend(1, h.count());
    double mean = h.mean(1, h.count());
    double prediction = fit.isSignificant(TiUcb.SIGNIFICANT_SLOPE_Z) ? fit.predict(h.count() + 1) : mean;
    return OptimisticIndex.of(fit, mean, prediction, t, C, A, LOOKAHEAD);
  }

  @Test
  void bothBonusesShrinkWithASmallerResidualSd() {
    // the same noise draws, scaled: sd 0.2 (the simulator's noisy variants) against 0.05
    OptimisticIndex noisy = index(arm(300, 0.7, 0, 0.2, 5), 10_000);
    OptimisticIndex quiet = index(arm(300, 0.7, 0, 0.05, 5), 10_000);
    assertEquals(0.2, noisy.noiseSd(), 0.02);
    assertEquals(0.05, quiet.noiseSd(), 0.005);
    assertEquals(4, noisy.levelBonus() / quiet.levelBonus(), 0.01);
    assertTrue(quiet.trendBonus() < noisy.trendBonus() / 3,
        "trend bonus " + quiet.trendBonus() + " vs " + noisy.trendBonus());
  }

  @Test
  void aFlatArmFallsBackToItsMeanPlusTheVarianceAwareBonus() {
    long t = 10_000;
    RewardHistory h = arm(3000, 0.7, 0, 0.05, 9);
    OptimisticIndex flat = index(h, t);
    double mean = h.mean(1, 3000);
    assertEquals(mean, flat.level(), 1e-12);
    assertTrue(flat.trendBonus() < 0.002, "a long flat segment has almost no trend bonus: " + flat.trendBonus());
    double varianceBonus = C * flat.noiseSd() * Math.sqrt(2 * Math.log(t) / 3000);
    assertEquals(mean + varianceBonus, flat.value(), 0.002);
    // the same arm after 50 pulls may still be rising: its trend bonus is what keeps it in play
    OptimisticIndex young = index(arm(50, 0.7, 0, 0.05, 9), t);
    assertTrue(young.trendBonus() > 0.02 && young.trendBonus() > 10 * flat.trendBonus(),
        "a short segment is still optimistic about its slope: " + young.trendBonus());
  }

  @Test
  void aSignificantlyRisingArmKeepsAnOptimisticIndex() {
    // the crossing scenario at T = 10^4: 0.5 rising by 0.4 over 500 pulls, against a steady 0.7
    long t = 1000;
    RewardHistory riser = arm(200, 0.5, 0.4 / 500, 0.05, 3);
    LinearTrend fit = riser.trend(1, 200);
    assertTrue(fit.isSignificant(TiUcb.SIGNIFICANT_SLOPE_Z), "the rise is clear after 200 pulls");
    OptimisticIndex rising = index(riser, t);
    assertTrue(rising.level() < 0.7, "its predicted next reward " + rising.level() + " is still below 0.7");
    assertTrue(rising.trendBonus() >= fit.slope() * LOOKAHEAD, "the bonus extrapolates at least the fitted slope");
    OptimisticIndex steady = index(arm(800, 0.7, 0, 0.05, 4), t);
    assertTrue(rising.value() > steady.value(), "riser " + rising.value() + " vs steady " + steady.value());
  }

  @Test
  void aSlopeThatLooksNegativeOnFewPullsDoesNotBuryTheArm() {
    RewardHistory h = new RewardHistory();
    for (double v : new double[] {0.62, 0.6, 0.57, 0.55, 0.52, 0.5}) {
      h.add(v);
    }
    LinearTrend fit = h.trend(1, 6);
    OptimisticIndex x = OptimisticIndex.of(fit, h.mean(1, 6), fit.predict(7), 100, C, A, LOOKAHEAD);
    assertEquals(h.mean(1, 6), x.level(), 1e-12);
    assertTrue(x.trendBonus() > 0, "the slope's upper bound is still positive on six pulls");
  }

  @Test
  void theSlopeBoundWidensWithTimeSoAnAbandonedArmIsTriedAgain() {
    RewardHistory h = arm(300, 0.5, 0, 0.05, 8);
    assertTrue(index(h, 100_000).trendBonus() > index(h, 1000).trendBonus());
    assertTrue(index(h, 100_000).levelBonus() > index(h, 1000).levelBonus());
  }

  @Test
  void aSegmentTooShortForAResidualSdIsPlayedFirst() {
    RewardHistory h = arm(2, 0.5, 0, 0.05, 1);
    OptimisticIndex x = OptimisticIndex.of(h.trend(1, 2), h.mean(1, 2), h.mean(1, 2), 10, C, A, LOOKAHEAD);
    assertSame(OptimisticIndex.UNEXPLORED, x);
    assertEquals(Double.POSITIVE_INFINITY, x.value());
  }

  @Test
  void aFewExactRewardsDoNotMakeAnArmLookCertain() {
    RewardHistory h = arm(4, 0.6, 0, 0, 1);
    OptimisticIndex x = index(h, 10);
    assertTrue(x.noiseSd() > 0.3, "the fading prior keeps sigma at " + x.noiseSd() + " after 4 identical rewards");
    assertEquals(0, index(arm(400, 0.6, 0, 0, 1), 10).noiseSd(), 0.002);
  }
}
