package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Turns collected (raw, calibrated, scores) rows into per-model metrics; missing scores are skipped. */
public final class LabelledPredictions {
  private LabelledPredictions() {}

  public static List<ModelMetrics> metrics(List<Row> rows, List<String> modelIds) {
    List<ModelMetrics> out = new ArrayList<>();
    for (int j = 0; j < modelIds.size(); j++) {
      List<double[]> kept = new ArrayList<>();
      for (Row r : rows) {
        List<Object> scores = r.getList(2);
        Object s = scores == null || j >= scores.size() ? null : scores.get(j);
        if (s != null) {
          kept.add(new double[] {((Number) r.getList(0).get(j)).doubleValue(),
              ((Number) r.getList(1).get(j)).doubleValue(), ((Number) s).doubleValue()});
        }
      }
      double[] raw = new double[kept.size()];
      double[] cal = new double[kept.size()];
      double[] score = new double[kept.size()];
      for (int i = 0; i < kept.size(); i++) {
        raw[i] = kept.get(i)[0];
        cal[i] = kept.get(i)[1];
        score[i] = kept.get(i)[2];
      }
      out.add(new ModelMetrics(modelIds.get(j), CalibrationMetrics.ofScores(raw, score),
          CalibrationMetrics.ofScores(cal, score)));
    }
    return out;
  }

  static double[] doubles(List<Object> values, int expected) {
    if (values.size() != expected) {
      throw new IllegalStateException("expected " + expected + " values, got " + values.size());
    }
    double[] out = new double[expected];
    for (int j = 0; j < expected; j++) {
      out[j] = ((Number) values.get(j)).doubleValue();
    }
    return out;
  }
}
