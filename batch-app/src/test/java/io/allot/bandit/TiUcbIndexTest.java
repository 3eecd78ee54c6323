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
  void indexIsThePredictionPlusTheLevelAndTrendBonuses() {
    TiUcb p = new TiUcb(2, SETTINGS, 1);
    for (int n = 1; n <= 8; n++) {
      p.update(0, 0.4 + 0.02 * n); // rising: 0.42 .. 0.56, next would be 0.58
    }
    assertEquals(0.58, p.prediction(0), 1e-10);
    long t = 100;
    // an exact line: no residuals, so sigma is the fading prior alone, sqrt(0.5) / (8 - 2)
    double sigma = Math.sqrt(0.5) / 6;
    double slopeSe = sigma / Math.sqrt(8 * 63 / 12.0);
    double z = SETTINGS.slopeConfidence() * Math.sqrt(2 * Math.log(t));
    double expected = 0.58 + 0.5 * sigma * Math.sqrt(2 * Math.log(t) / 8) + (0.02 + z * slopeSe) * 20;
    assertEquals(expected, p.index(0, t), 1e-10);
    assertEquals(p.index(0, t), p.indexParts(0, t).value(), 0);
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
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < 4; i++) {
      p.update(0, 0.5 + 0.05 * r.nextGaussian());
    }
    double afterFour = p.index(0, 100) - p.prediction(0);
    for (int i = 0; i < 60; i++) {
      p.update(0, 0.5 + 0.05 * r.nextGaussian());
    }
    double afterSixtyFour = p.index(0, 100) - p.prediction(0);
    assertTrue(afterSixtyFour < afterFour / 4, "bonus " + afterSixtyFour + " after 64 pulls vs " + afterFour + " after 4");
    assertTrue(p.index(0, 10_000) > p.index(0, 100));
  }

  @Test
  void anArmPulledFewerThanThreeTimesInItsSegmentIsPlayedFirst() {
    TiUcb p = new TiUcb(2, SETTINGS, 1);
    for (int i = 0; i < 5; i++) {
      p.update(0, 0.9);
    }
    p.update(1, 0.1);
    p.update(1, 0.1);
    assertEquals(Double.POSITIVE_INFINITY, p.index(1, 8));
    assertEquals(1, p.select(8));
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
