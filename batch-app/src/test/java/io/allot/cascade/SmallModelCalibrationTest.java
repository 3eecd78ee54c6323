package io.allot.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Calibration of the small model's correctness: held-out ECE falls after calibration. */
class SmallModelCalibrationTest {

  /** Margins as the demo generator draws them: lognormal, conditioned on correctness (accuracy 0.62). */
  static SmallModelOutcomes outcomes(int n, long seed) {
    Random r = new Random(seed);
    String[] ids = new String[n];
    double[] m = new double[n];
    double[] lp = new double[n];
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      boolean right = r.nextDouble() < 0.62;
      ids[i] = "q-" + seed + "-" + i;
      m[i] = Math.exp((right ? 0.95 : 0.10) + 0.75 * r.nextGaussian());
      lp[i] = -(right ? 0.28 : 0.34) * Math.exp(0.6 * r.nextGaussian());
      s[i] = right ? 1 : 0;
    }
    return new SmallModelOutcomes(ids, m, lp, s, 0);
  }

  @Test
  void heldOutCalibrationErrorFallsAfterCalibration() {
    SmallModelCalibration.Report iso = SmallModelCalibration.fit(outcomes(6_000, 1), "isotonic", 0.25).report();
    assertThat(iso.heldOutRows()).isBetween(1_200, 1_800);
    assertThat(iso.fitRows() + iso.heldOutRows()).isEqualTo(6_000);
    assertThat(iso.eceRaw()).isGreaterThan(0.1);
    assertThat(iso.eceCalibrated()).isLessThan(0.04).isLessThan(iso.eceRaw() / 3);
    assertThat(iso.ecePlatt()).isLessThan(0.04);
    assertThat(iso.brierCalibrated()).isLessThan(iso.brierRaw());

    SmallModelCalibration.Report platt = SmallModelCalibration.fit(outcomes(6_000, 1), "platt", 0.25).report();
    assertThat(platt.eceCalibrated()).isEqualTo(iso.ecePlatt());
  }

  @Test
  void isotonicIsNonDecreasingInTheMarginAndStaysInTheUnitInterval() {
    SmallModelOutcomes rows = outcomes(3_000, 2);
    IsotonicCalibrator iso = IsotonicCalibrator.fit(rows.margin(), rows.score());
    assertThat(iso.blocks()).isGreaterThan(3);
    double prev = -1;
    for (double m = 0; m < 20; m += 0.01) {
      double p = iso.correctness(m, Double.NaN);
      assertThat(p).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
      prev = p;
    }
  }

  @Test
  void pavPoolsViolatorsExactly() {
    // y = 1, 0, 1, 1 at x = 1..4: the first two pool to 0.5.
    IsotonicCalibrator iso = IsotonicCalibrator.fit(new double[] {1, 2, 3, 4}, new double[] {1, 0, 1, 1});
    assertThat(iso.correctness(1, Double.NaN)).isEqualTo(0.5);
    assertThat(iso.correctness(2, Double.NaN)).isEqualTo(0.5);
    assertThat(iso.correctness(3.5, Double.NaN)).isEqualTo(1.0);
    assertThat(iso.correctness(2.5, Double.NaN)).isEqualTo(0.75);
  }

  @Test
  void theSplitIsStableAndBadSettingsAreNamed() {
    assertThat(SmallModelCalibration.isHeldOut("q-1", 0.3)).isEqualTo(SmallModelCalibration.isHeldOut("q-1", 0.3));
    assertThatThrownBy(() -> SmallModelCalibration.fit(outcomes(10, 3), "magic", 0.2))
        .hasMessageContaining("allot.cascade.calibration is 'magic'");
    assertThatThrownBy(() -> SmallModelCalibration.fit(outcomes(10, 3), "isotonic", 1.5))
        .hasMessageContaining("allot.cascade.held-out-share");
  }
}
