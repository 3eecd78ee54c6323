package io.allot.cascade;

/** How well probabilities match outcomes: expected calibration error and Brier score. */
public final class CalibrationMetrics {
  /** Equal-width probability bins for the ECE. */
  public static final int ECE_BINS = 10;

  private CalibrationMetrics() {}

  /** ECE = Σ_bins (n_b / n)·|mean prediction − mean outcome| over 10 equal-width bins of the prediction. */
  public static double ece(SmallModelCalibrator c, SmallModelOutcomes rows) {
    double[] n = new double[ECE_BINS];
    double[] pred = new double[ECE_BINS];
    double[] obs = new double[ECE_BINS];
    for (int i = 0; i < rows.size(); i++) {
      double p = c.correctness(rows.margin()[i], rows.meanLogprob()[i]);
      int b = Math.min(ECE_BINS - 1, (int) (p * ECE_BINS));
      n[b]++;
      pred[b] += p;
      obs[b] += rows.score()[i];
    }
    double ece = 0;
    for (int b = 0; b < ECE_BINS; b++) {
      if (n[b] > 0) {
        ece += Math.abs(pred[b] - obs[b]) / rows.size();
      }
    }
    return ece;
  }

  /** Mean squared difference between prediction and outcome. */
  public static double brier(SmallModelCalibrator c, SmallModelOutcomes rows) {
    double s = 0;
    for (int i = 0; i < rows.size(); i++) {
      double d = c.correctness(rows.margin()[i], rows.meanLogprob()[i]) - rows.score()[i];
      s += d * d;
    }
    return rows.size() == 0 ? Double.NaN : s / rows.size();
  }
}
