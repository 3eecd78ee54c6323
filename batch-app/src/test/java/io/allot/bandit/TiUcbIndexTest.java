package io.allot.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TiUcbIndexTest {
  private static final TiUcbSettings SETTINGS = new TiUcbSettings(20, 0.1, 0.5);

  @Test
  void unpulledArmsComeFirst() {
    TiUcb p = new TiUcb(3, SETTINGS, 1);
    assertEquals(Double.POSITIVE_INFINITY, p.index(2, 1));
    int first = p.select(1);
    p.update(first, 0.5);
    int second = p.select(2);
    p.update(second, 0.5);
    int third = p.select(3);
    assertTrue(first != second && second != third && first != third, "each arm is tried once first");
  }

  @Test
  void indexIsTheTrendPredictionPlusTheExplorationBonus() {
    TiUcb p = new TiUcb(2, SETTINGS, 1);
    for (int n = 1; n <= 8; n++) {
      p.update(0, 0.4 + 0.02 * n); // rising: 0.42 .. 0.56, next would be 0.58
    }
    assertEquals(0.58, p.prediction(0), 1e-10);
    long t = 100;
    assertEquals(0.58 + 0.5 * Math.sqrt(Math.log(t) / 8), p.index(0, t), 1e-10);
  }

  @Test
  void aRisingArmBeatsAFlatArmWithTheSameMean() {
    // Both arms average 0.6 over 10 pulls; only the trend tells the rising one will be better next.
    TiUcb p = new TiUcb(2, new TiUcbSettings(20, 0.1, 0.0), 3);
    for (int n = 1; n <= 10; n++) {
      p.update(0, 0.6);
      p.update(1, 0.6 + 0.02 * (n - 5.5));
    }
    assertTrue(p.index(1, 21) > p.index(0, 21), "rising arm index " + p.index(1, 21) + " vs flat " + p.index(0, 21));
    assertEquals(1, p.select(21));
  }

  @Test
  void theBonusShrinksWithSegmentPullsAndGrowsWithTime() {
    TiUcb p = new TiUcb(1, SETTINGS, 1);
    p.update(0, 0.5);
    double afterOne = p.index(0, 100) - p.prediction(0);
    for (int i = 0; i < 15; i++) {
      p.update(0, 0.5);
    }
    double afterSixteen = p.index(0, 100) - p.prediction(0);
    assertEquals(4.0, afterOne / afterSixteen, 1e-9);
    assertTrue(p.index(0, 10_000) > p.index(0, 100));
  }

  @Test
  void aNoisyFlatSegmentPredictsItsMeanNotANoiseSlope() {
    TiUcb p = new TiUcb(1, SETTINGS, 1);
    java.util.Random r = new java.util.Random(3);
    double sum = 0;
    for (int n = 1; n <= 15; n++) {
      double v = 0.7 + 0.05 * r.nextGaussian();
      sum += v;
      p.update(0, v);
    }
    assertTrue(!p.history(0).trend(1, 15).isSignificant(TiUcb.SIGNIFICANT_SLOPE_Z), "this seed's slope is noise");
    assertEquals(sum / 15, p.prediction(0), 1e-12);
  }
}
