package io.allot.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {

  /** Rises by 0.01 a pull up to pull 100, flat afterwards. */
  private static double riseThenFlat(int n) {
    return 0.4 + 0.01 * Math.min(n, 100);
  }

  @Test
  void detectsConvergenceWithinTheWindowOfTheTruePoint() {
    ChangeDetector d = new ChangeDetector(20, 0.05);
    RewardHistory h = new RewardHistory();
    Random noise = new Random(11);
    Optional<ChangeDetector.Change> found = Optional.empty();
    for (int n = 1; n <= 200 && found.isEmpty(); n++) {
      h.add(riseThenFlat(n) + 0.005 * noise.nextGaussian());
      found = d.check(h, 1);
    }
    assertTrue(found.isPresent(), "the change at pull 100 was not detected");
    ChangeDetector.Change c = found.get();
    assertTrue(c.converged(), "the rise slowed, so this is convergence: " + c);
    assertTrue(Math.abs(c.changePull() - 100) <= 20, "change placed at " + c.changePull());
    assertTrue(c.detectedAtPull() > 100 && c.detectedAtPull() <= 120, "detected at " + c.detectedAtPull());
  }

  @Test
  void aSteadyRiseOrAFlatArmIsNoChange() {
    ChangeDetector d = new ChangeDetector(20, 0.05);
    RewardHistory rising = new RewardHistory();
    RewardHistory flat = new RewardHistory();
    Random noise = new Random(5);
    for (int n = 1; n <= 90; n++) {
      rising.add(0.2 + 0.01 * n + 0.005 * noise.nextGaussian());
      flat.add(0.7 + 0.005 * noise.nextGaussian());
      assertFalse(d.check(rising, 1).isPresent(), "false alarm on the rising arm at pull " + n);
      assertFalse(d.check(flat, 1).isPresent(), "false alarm on the flat arm at pull " + n);
    }
  }

  @Test
  void gammaIsTheThreshold() {
    RewardHistory h = new RewardHistory();
    for (int n = 1; n <= 120; n++) {
      h.add(riseThenFlat(n));
    }
    // Last 20 pulls are flat: older half rises 0 too at pull 120, so look at pull 110 instead.
    RewardHistory at110 = new RewardHistory();
    for (int n = 1; n <= 110; n++) {
      at110.add(riseThenFlat(n));
    }
    // older half (91..100) rises 0.01 a pull = 0.10 per half-window; newer half (101..110) is flat
    assertTrue(new ChangeDetector(20, 0.09).check(at110, 1).isPresent());
    assertFalse(new ChangeDetector(20, 0.11).check(at110, 1).isPresent());
    assertFalse(new ChangeDetector(20, 0.01).check(h, 1).isPresent(), "both halves flat at pull 120");
  }

  @Test
  void onlyLooksInsideTheCurrentSegment() {
    RewardHistory h = new RewardHistory();
    for (int n = 1; n <= 110; n++) {
      h.add(riseThenFlat(n));
    }
    ChangeDetector d = new ChangeDetector(20, 0.05);
    assertTrue(d.check(h, 1).isPresent());
    assertFalse(d.check(h, 101).isPresent(), "the segment starting at 101 has only 10 points");
  }

  @Test
  void tiUcbStartsANewSegmentAtTheChange() {
    TiUcb p = new TiUcb(1, new TiUcbSettings(20, 0.05, 0.5), 1);
    for (int n = 1; n <= 140; n++) {
      p.select(n);
      p.update(0, riseThenFlat(n));
    }
    assertEquals(1, p.changes().size(), "one convergence: " + p.changes());
    // The new segment starts where the change was placed, so the prediction is near the plateau
    // (1.4), not the old rise extrapolated (1.81 at pull 141).
    assertEquals(1.4, p.prediction(0), 0.01);
    assertTrue(p.segmentPulls(0) < 140);
  }
}
