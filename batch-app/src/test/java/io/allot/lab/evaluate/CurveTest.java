package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurveTest {
  private static Curve curve(double... costAccuracy) {
    List<Curve.Point> pts = new java.util.ArrayList<>();
    for (int i = 0; i < costAccuracy.length; i += 2) {
      pts.add(new Curve.Point(Double.NaN, costAccuracy[i], costAccuracy[i + 1]));
    }
    return new Curve("c", pts);
  }

  @Test
  void aSinglePointHoldsItsAccuracyFromItsCostOn() {
    // 0.8 from cost 2 to 10 over the range [0, 10]: area 6.4, AIQ 0.64.
    assertThat(curve(2, 0.8).aiq(0, 10)).isCloseTo(0.64, within(1e-12));
  }

  @Test
  void pointsUnderTheHullAndFallingTailsDoNotCount() {
    // (0,0.5) (4,0.9) (2,0.6 below the chord) and (8,0.7 falling): hull 0.5->0.9 over [0,4], flat 0.9 to 10.
    double expected = ((0.5 + 0.9) / 2 * 4 + 0.9 * 6) / 10;
    assertThat(curve(0, 0.5, 2, 0.6, 4, 0.9, 8, 0.7).aiq(0, 10)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void cheapestReachingAndBestWithin() {
    Curve c = curve(1, 0.5, 3, 0.9, 5, 0.9);
    assertThat(c.cheapestReaching(0.9).costUsd()).isEqualTo(3);
    assertThat(c.cheapestReaching(0.95)).isNull();
    assertThat(c.bestAccuracyWithin(2)).isEqualTo(0.5);
    assertThat(c.bestAccuracyWithin(0.5)).isNull();
  }
}
