package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.solve.SolveSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A generated instance whose estimates are the true P(correct) plus heavy noise: planning on them
 * promises more accuracy than it realises (the solver picks the over-estimated options). Shrinking
 * each model's estimates toward its mean by the slope fitted on held-out rows closes much of that
 * gap.
 */
class ShrinkageTest {
  private static final int M = 3;
  private static final double[] COST = {0.001, 0.01, 0.05};

  @Test
  void shrinkageLowersThePredictedMinusRealisedGap() {
    RoutingData[] parts = {null, null};
    double[][] noisy = new double[2][];
    Random rnd = new Random(5);
    for (int part = 0; part < 2; part++) {
      int n = 1500;
      double[] score = new double[n * M];
      double[] cost = new double[n * M];
      double[] est = new double[n * M];
      String[] ids = new String[n];
      for (int i = 0; i < n; i++) {
        ids[i] = "q" + i;
        for (int j = 0; j < M; j++) {
          double truth = Math.min(0.95, Math.max(0.05, 0.45 + 0.15 * j + 0.2 * rnd.nextGaussian()));
          score[i * M + j] = rnd.nextDouble() < truth ? 1 : 0;
          cost[i * M + j] = COST[j];
          est[i * M + j] = Math.min(1, Math.max(0, truth + 0.3 * rnd.nextGaussian()));
        }
      }
      parts[part] = new RoutingData("gen", java.util.List.of("a", "b", "c"), ids, ids, score, cost, 0);
      noisy[part] = est;
    }
    RoutingData heldOut = parts[0];
    RoutingData test = parts[1];
    double[] shrunk = new double[noisy[1].length];
    for (int j = 0; j < M; j++) {
      double[] fit = QualityEstimates.brierAndSlope(heldOut, noisy[0], j);
      assertThat(fit[1]).isBetween(0.05, 0.8);
      for (int i = 0; i < test.rows(); i++) {
        shrunk[i * M + j] = QualityEstimates.shrink(noisy[1][i * M + j], fit);
      }
    }
    double gapNoisy = meanGap(test, noisy[1]);
    double gapShrunk = meanGap(test, shrunk);
    assertThat(gapNoisy).isGreaterThan(0.05);
    assertThat(gapShrunk).isLessThan(gapNoisy / 2);
  }

  /** Mean |predicted - realised accuracy| over a budget sweep. */
  private static double meanGap(RoutingData test, double[] p) {
    double[] est = test.costUsd();
    Curve c = BudgetSweep.run("x", OptionTable.build(test, p, est, new int[0]), test.ids(), 12,
        new double[0], SolveSettings.defaults().withPolish(false));
    double gap = 0;
    for (Curve.Point pt : c.points()) {
      gap += Math.abs(pt.predictedAccuracy() - pt.accuracy());
    }
    return gap / c.points().size();
  }
}
