package io.allot.spark.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cross-model stage on generated queries: a latent difficulty every model shares, and each
 * model's first-stage estimate carrying that difficulty plus noise of its own. Taken one model at
 * a time the estimates are right on average; the model whose estimate stands out on a query is
 * more often the one whose noise ran high, which is what a solver picks.
 */
class CrossModelCalibrationTest {
  private static final double[] SKILL = {-0.5, 0.5, 1.0, 1.5};

  /** Rows of {estimates..., outcomes...}: outcomes drawn from the true probabilities. */
  private static List<double[][]> queries(int n, long seed) {
    Random rnd = new Random(seed);
    List<double[][]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double difficulty = rnd.nextGaussian() * 1.5;
      double[] est = new double[SKILL.length];
      double[] y = new double[SKILL.length];
      for (int j = 0; j < SKILL.length; j++) {
        double truth = SKILL[j] - difficulty;
        // The estimate sees the difficulty and the skill, and noise of its own that the outcome does not follow.
        est[j] = CrossModelCalibration.sigmoid(truth + rnd.nextGaussian() * 1.0);
        y[j] = rnd.nextDouble() < CrossModelCalibration.sigmoid(truth) ? 1 : 0;
      }
      out.add(new double[][] {est, y});
    }
    return out;
  }

  private static CrossModelCalibration fit(List<double[][]> rows) {
    return CrossModelCalibration.fit(rows.stream().map(r -> r[0]).toList(), rows.stream().map(r -> r[1]).toList());
  }

  /** {expected, realised} quality when every query goes to the model with the highest estimate. */
  private static double[] pickTheHighest(List<double[][]> rows, CrossModelCalibration stage) {
    double expected = 0;
    double realised = 0;
    for (double[][] r : rows) {
      double[] e = stage.apply(r[0]);
      int best = 0;
      for (int j = 1; j < e.length; j++) {
        best = e[j] > e[best] ? j : best;
      }
      expected += e[best];
      realised += r[1][best];
    }
    return new double[] {expected / rows.size(), realised / rows.size()};
  }

  @Test
  void theModelPickedForAStandOutEstimateIsNoLongerOverrated() {
    CrossModelCalibration stage = fit(queries(4000, 1));
    List<double[][]> fresh = queries(4000, 2);
    double[] before = pickTheHighest(fresh, CrossModelCalibration.identity(SKILL.length));
    double[] after = pickTheHighest(fresh, stage);
    double gapBefore = before[0] - before[1];
    double gapAfter = Math.abs(after[0] - after[1]);
    assertTrue(gapBefore > 0.04, "the first-stage plan is optimistic: " + gapBefore);
    assertTrue(gapAfter < gapBefore / 3, "gap before " + gapBefore + ", after " + gapAfter);
    // It does not buy honesty with worse picks.
    assertTrue(after[1] >= before[1] - 0.01, "realised before " + before[1] + ", after " + after[1]);
    for (CrossModelCalibration.Coefficients c : stage.coefficients()) {
      assertTrue(c.own() < 1 && c.meanLogit() > 0, "own noise discounted, shared difficulty kept: " + c);
    }
  }

  @Test
  void itIsFittedOnlyWhereAModelHasEnoughRowsOfBothOutcomes() {
    List<double[][]> rows = queries(CrossModelCalibration.MIN_ROWS + 50, 3);
    List<double[]> outcomes = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      double[] y = rows.get(i)[1].clone();
      y[0] = 1; // model 0 is always right: nothing to fit
      y[1] = i < CrossModelCalibration.MIN_ROWS - 1 ? y[1] : Double.NaN; // model 1: too few outcomes
      outcomes.add(y);
    }
    CrossModelCalibration stage = CrossModelCalibration.fit(rows.stream().map(r -> r[0]).toList(), outcomes);
    assertEquals(new CrossModelCalibration.Coefficients(0, 1, 0), stage.coefficients().get(0));
    assertEquals(new CrossModelCalibration.Coefficients(0, 1, 0), stage.coefficients().get(1));
    assertTrue(!stage.coefficients().get(2).equals(new CrossModelCalibration.Coefficients(0, 1, 0)));
    double[] est = rows.get(0)[0];
    double[] shifted = stage.apply(est);
    assertEquals(est[0], shifted[0], 0.0);
    assertEquals(est[1], shifted[1], 0.0);
  }

  @Test
  void theIdentityChangesNothing() {
    double[] est = {0.0, 0.2, 0.999999, 1.0};
    assertArrayEquals(est, CrossModelCalibration.identity(4).apply(est), 0.0);
    assertTrue(CrossModelCalibration.identity(4).isIdentity());
  }

  @Test
  void theOutOfFoldBrierScoreFallsOnTheGeneratedQueries() {
    List<double[][]> rows = queries(3000, 4);
    double[] before = new double[SKILL.length];
    double[] after = new double[SKILL.length];
    // the fit on one half scores the other, as CrossModelFit does
    CrossModelCalibration stage = fit(rows.subList(0, 1500));
    for (double[][] r : rows.subList(1500, 3000)) {
      double[] s = stage.apply(r[0]);
      for (int j = 0; j < SKILL.length; j++) {
        before[j] += Math.pow(r[0][j] - r[1][j], 2);
        after[j] += Math.pow(s[j] - r[1][j], 2);
      }
    }
    for (int j = 0; j < SKILL.length; j++) {
      assertTrue(after[j] < before[j], "model " + j + ": Brier " + before[j] / 1500 + " -> " + after[j] / 1500);
    }
  }
}
