package io.allot.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearTrendTest {

  @Test
  void recoversAnExactLineOverAnyRangeOfPulls() {
    RewardHistory h = new RewardHistory();
    for (int n = 1; n <= 50; n++) {
      h.add(0.3 + 0.01 * n);
    }
    LinearTrend all = h.trend(1, 50);
    assertEquals(0.01, all.slope(), 1e-12);
    assertEquals(0.3, all.intercept(), 1e-10);
    LinearTrend tail = h.trend(31, 50);
    assertEquals(0.01, tail.slope(), 1e-12);
    assertEquals(0.3 + 0.01 * 51, tail.predict(51), 1e-10);
    assertEquals(0.2, tail.increaseOver(20), 1e-10);
  }

  @Test
  void matchesTheTextbookLeastSquaresOnNoisyData() {
    Random r = new Random(7);
    RewardHistory h = new RewardHistory();
    double[] y = new double[40];
    for (int n = 1; n <= 40; n++) {
      y[n - 1] = 0.5 + 0.004 * n + 0.1 * r.nextGaussian();
      h.add(y[n - 1]);
    }
    // textbook normal equations over pulls 11..40
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    int k = 30;
    for (int n = 11; n <= 40; n++) {
      sx += n;
      sy += y[n - 1];
      sxx += (double) n * n;
      sxy += n * y[n - 1];
    }
    double slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
    double intercept = (sy - slope * sx) / k;
    LinearTrend t = h.trend(11, 40);
    assertEquals(slope, t.slope(), 1e-10);
    assertEquals(intercept, t.intercept(), 1e-9);
    double rss = 0;
    for (int n = 11; n <= 40; n++) {
      double e = y[n - 1] - (intercept + slope * n);
      rss += e * e;
    }
    double sxxCentered = sxx - sx * sx / k;
    assertEquals(Math.sqrt(rss / (k - 2) / sxxCentered), t.slopeStdError(), 1e-9);
    assertEquals(Math.sqrt(rss / (k - 2)), t.residualSd(), 1e-9);
  }

  @Test
  void theResidualSdEstimatesTheNoiseAroundTheLine() {
    Random r = new Random(11);
    RewardHistory h = new RewardHistory();
    for (int n = 1; n <= 4000; n++) {
      h.add(0.2 + 0.0001 * n + 0.08 * r.nextGaussian());
    }
    assertEquals(0.08, h.trend(1, 4000).residualSd(), 0.08 * 0.05);
    RewardHistory exact = new RewardHistory();
    for (int n = 1; n <= 5; n++) {
      exact.add(0.1 * n);
    }
    assertEquals(0, exact.trend(1, 5).residualSd(), 1e-6);
    assertEquals(Double.POSITIVE_INFINITY, exact.trend(1, 2).residualSd());
  }

  @Test
  void aFlatSegmentOrASinglePointReducesToTheMean() {
    RewardHistory h = new RewardHistory();
    double[] flat = {0.8, 0.9, 0.7, 0.85, 0.75};
    for (double v : flat) {
      h.add(v);
    }
    h.add(0.8);
    LinearTrend single = h.trend(3, 3);
    assertEquals(0, single.slope());
    assertEquals(0.7, single.predict(100), 1e-12);
    RewardHistory constant = new RewardHistory();
    for (int i = 0; i < 10; i++) {
      constant.add(0.42);
    }
    LinearTrend c = constant.trend(1, 10);
    assertEquals(0, c.slope(), 1e-12);
    assertEquals(0.42, c.predict(11), 1e-12);
    assertEquals(0.8, h.mean(1, 6), 1e-12);
  }

  @Test
  void refusesRangesOutsideTheHistoryAndNonFiniteRewards() {
    RewardHistory h = new RewardHistory();
    h.add(1);
    assertThrows(IndexOutOfBoundsException.class, () -> h.trend(1, 2));
    assertThrows(IllegalArgumentException.class, () -> h.add(Double.NaN));
  }
}
