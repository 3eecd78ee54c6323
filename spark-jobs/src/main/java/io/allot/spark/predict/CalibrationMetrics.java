package io.allot.spark.predict;

import java.util.Arrays;
import java.util.Comparator;

/**
 * How well predicted probabilities match 0/1 outcomes: AUC (ranking), Brier score (squared error)
 * and expected calibration error (ECE: the count-weighted mean |mean prediction - accuracy| over
 * {@link #ECE_BINS} equal-width bins of the prediction). Plain Java on collected arrays.
 *
 * @param auc NaN when only one class is present (the AUC is undefined then)
 */
public record CalibrationMetrics(long rows, double auc, double brier, double ece) {
  public static final int ECE_BINS = 10;

  /** Against outcome scores: a score of {@link PredictorColumns#CORRECT_AT} or more is a correct answer. */
  public static CalibrationMetrics ofScores(double[] predicted, double[] scores) {
    boolean[] correct = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      correct[i] = scores[i] >= PredictorColumns.CORRECT_AT;
    }
    return of(predicted, correct);
  }

  public static CalibrationMetrics of(double[] predicted, boolean[] correct) {
    if (predicted.length != correct.length) {
      throw new IllegalArgumentException("predictions and outcomes differ in length");
    }
    int n = predicted.length;
    if (n == 0) {
      return new CalibrationMetrics(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double brier = 0;
    double[] binSum = new double[ECE_BINS];
    double[] binHits = new double[ECE_BINS];
    int[] binCount = new int[ECE_BINS];
    for (int i = 0; i < n; i++) {
      double p = predicted[i];
      double y = correct[i] ? 1 : 0;
      brier += (p - y) * (p - y);
      int b = Math.min(ECE_BINS - 1, (int) Math.floor(p * ECE_BINS));
      binSum[b] += p;
      binHits[b] += y;
      binCount[b]++;
    }
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (binCount[b] > 0) {
        ece += Math.abs(binSum[b] - binHits[b]) / n;
      }
    }
    return new CalibrationMetrics(n, auc(predicted, correct), brier / n, ece);
  }

  /** Mann-Whitney AUC with average ranks for ties: P(a correct row outranks a wrong one). */
  static double auc(double[] predicted, boolean[] correct) {
    int n = predicted.length;
    Integer[] order = new Integer[n];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> predicted[i]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && predicted[order[j + 1]] == predicted[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (correct[order[k]]) {
          rankSumPositive += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
