package io.allot.spark.predict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Per-query predicted P(correct) for every model, on the driver, keyed by query id. */
public final class Predictions {
  private final Map<String, double[]> calibrated;
  private final Map<String, double[]> raw;

  public Predictions(Map<String, double[]> calibrated, Map<String, double[]> raw) {
    this.calibrated = calibrated;
    this.raw = raw;
  }

  static Predictions of(List<Row> rows, int models) {
    Map<String, double[]> cal = new HashMap<>();
    Map<String, double[]> raw = new HashMap<>();
    for (Row r : rows) {
      String id = r.getString(0);
      raw.put(id, LabelledPredictions.doubles(r.getList(1), models));
      cal.put(id, LabelledPredictions.doubles(r.getList(2), models));
    }
    return new Predictions(cal, raw);
  }

  /** Calibrated probabilities, model order; throws when the query was not predicted. */
  public double[] calibrated(String queryId) {
    return require(calibrated, queryId);
  }

  public double[] raw(String queryId) {
    return require(raw, queryId);
  }

  public int size() {
    return calibrated.size();
  }

  private static double[] require(Map<String, double[]> m, String id) {
    double[] v = m.get(id);
    if (v == null) {
      throw new IllegalArgumentException("query '" + id + "' has no prediction");
    }
    return v;
  }
}
