package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The {@link CrossModelCalibration} fitted on labelled rows the predictor never saw, and how much
 * it helps there: each model's Brier score before it and after it, the latter out of fold (two
 * folds by row order, each scored by the stage fitted on the other), so the figure is not the
 * fit's own.
 *
 * @param brierBefore per model, the first-stage (isotonic) Brier score on its labelled rows
 * @param brierAfter per model, the cross-model stage's out-of-fold Brier score on the same rows
 * @param rows per model, its labelled rows
 */
public record CrossModelFit(CrossModelCalibration calibration, List<String> modelIds, double[] brierBefore,
    double[] brierAfter, long[] rows) {

  /**
   * @param labelled rows of (raw, calibrated, scores) arrays in model order, as
   *     {@link QualityPredictor#collectLabelled} returns them
   */
  public static CrossModelFit on(List<Row> labelled, List<String> modelIds) {
    int m = modelIds.size();
    List<double[]> estimates = new ArrayList<>();
    List<double[]> correct = new ArrayList<>();
    for (Row r : labelled) {
      estimates.add(LabelledPredictions.doubles(r.getList(1), m));
      List<Object> scores = r.getList(2);
      double[] y = new double[m];
      for (int j = 0; j < m; j++) {
        Object s = scores == null || j >= scores.size() ? null : scores.get(j);
        y[j] = s == null ? Double.NaN : ((Number) s).doubleValue() >= PredictorColumns.CORRECT_AT ? 1 : 0;
      }
      correct.add(y);
    }
    CrossModelCalibration[] folds = new CrossModelCalibration[2];
    for (int k = 0; k < 2; k++) {
      List<double[]> e = new ArrayList<>();
      List<double[]> c = new ArrayList<>();
      for (int i = 0; i < estimates.size(); i++) {
        if (i % 2 != k) {
          e.add(estimates.get(i));
          c.add(correct.get(i));
        }
      }
      folds[k] = CrossModelCalibration.fit(e, c);
    }
    double[] before = new double[m];
    double[] after = new double[m];
    long[] rows = new long[m];
    for (int i = 0; i < estimates.size(); i++) {
      double[] shifted = folds[i % 2].apply(estimates.get(i));
      for (int j = 0; j < m; j++) {
        double y = correct.get(i)[j];
        if (!Double.isNaN(y)) {
          before[j] += sq(estimates.get(i)[j] - y);
          after[j] += sq(shifted[j] - y);
          rows[j]++;
        }
      }
    }
    for (int j = 0; j < m; j++) {
      before[j] = rows[j] == 0 ? Double.NaN : before[j] / rows[j];
      after[j] = rows[j] == 0 ? Double.NaN : after[j] / rows[j];
    }
    return new CrossModelFit(CrossModelCalibration.fit(estimates, correct), List.copyOf(modelIds), before, after, rows);
  }

  private static double sq(double v) {
    return v * v;
  }
}
