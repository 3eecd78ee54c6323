package io.allot.spark.predict;

import static org.apache.spark.sql.functions.col;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The k-nearest-neighbour baseline on the classifier's own feature vectors: P(model correct) is
 * the rate at which the k most cosine-similar training queries were answered correctly, shrunk
 * towards the model's overall rate by a pseudo-count (so one neighbour cannot give 0 or 1).
 *
 * <p>It keeps the training vectors on the driver and compares each query with all of them: meant
 * for evaluation-sized training sets (up to about 100k rows), not for nightly scoring at scale.
 */
public final class KnnPredictor {
  private final QueryFeatures features;
  private final List<String> modelIds;
  private final PredictorSettings settings;
  private final SparseVector[] trainVectors;
  private final double[][] trainCorrect;
  private final double[] prior;

  private KnnPredictor(QueryFeatures features, List<String> modelIds, PredictorSettings settings,
      SparseVector[] trainVectors, double[][] trainCorrect, double[] prior) {
    this.features = features;
    this.modelIds = List.copyOf(modelIds);
    this.settings = settings;
    this.trainVectors = trainVectors;
    this.trainCorrect = trainCorrect;
    this.prior = prior;
  }

  /** Missing scores stay NaN: those neighbours do not vote for that model. */
  public static KnnPredictor fit(QueryFeatures features, Dataset<Row> labelled,
      List<String> modelIds, PredictorSettings settings) {
    List<Row> rows = features.transform(labelled)
        .select(col(QueryFeatures.FEATURES), col(PredictorColumns.SCORES)).collectAsList();
    int m = modelIds.size();
    SparseVector[] vectors = new SparseVector[rows.size()];
    double[][] correct = new double[rows.size()][m];
    double[] hits = new double[m];
    double[] counts = new double[m];
    for (int i = 0; i < rows.size(); i++) {
      vectors[i] = unit(rows.get(i).getAs(0));
      List<Object> scores = rows.get(i).getList(1);
      for (int j = 0; j < m; j++) {
        Object s = scores.get(j);
        if (s == null) {
          correct[i][j] = Double.NaN;
        } else {
          correct[i][j] = ((Number) s).doubleValue() >= PredictorColumns.CORRECT_AT ? 1 : 0;
          hits[j] += correct[i][j];
          counts[j]++;
        }
      }
    }
    double[] prior = new double[m];
    for (int j = 0; j < m; j++) {
      prior[j] = (hits[j] + 1) / (counts[j] + 2);
    }
    return new KnnPredictor(features, modelIds, settings, vectors, correct, prior);
  }

  public Predictions predict(Dataset<Row> rows) {
    List<Row> collected = features.transform(rows)
        .select(col(PredictorColumns.ID), col(QueryFeatures.FEATURES)).collectAsList();
    Map<String, double[]> out = new HashMap<>();
    for (Row r : collected) {
      out.put(r.getString(0), predictOne(unit(r.getAs(1))));
    }
    return new Predictions(out, out);
  }

  double[] predictOne(SparseVector query) {
    int k = Math.min(settings.knnNeighbours(), trainVectors.length);
    // Min-heap on similarity holds the k best so far; ties keep the earlier training row.
    PriorityQueue<double[]> best = new PriorityQueue<>(
        (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
    for (int i = 0; i < trainVectors.length; i++) {
      double sim = dot(query, trainVectors[i]);
      if (best.size() < k) {
        best.add(new double[] {sim, i});
      } else if (sim > best.peek()[0]) {
        best.poll();
        best.add(new double[] {sim, i});
      }
    }
    int m = modelIds.size();
    double w = settings.knnPriorWeight();
    double[] sum = new double[m];
    double[] count = new double[m];
    for (double[] e : best) {
      double[] c = trainCorrect[(int) e[1]];
      for (int j = 0; j < m; j++) {
        if (!Double.isNaN(c[j])) {
          sum[j] += c[j];
          count[j]++;
        }
      }
    }
    double[] p = new double[m];
    for (int j = 0; j < m; j++) {
      p[j] = (sum[j] + w * prior[j]) / (count[j] + w);
    }
    return p;
  }

  static SparseVector unit(Vector v) {
    SparseVector s = v.toSparse();
    double norm = 0;
    for (double x : s.values()) {
      norm += x * x;
    }
    if (norm == 0) {
      return s;
    }
    double inv = 1 / Math.sqrt(norm);
    double[] values = s.values().clone();
    for (int i = 0; i < values.length; i++) {
      values[i] *= inv;
    }
    return new SparseVector(s.size(), s.indices(), values);
  }

  static double dot(SparseVector a, SparseVector b) {
    int[] ai = a.indices();
    int[] bi = b.indices();
    double[] av = a.values();
    double[] bv = b.values();
    double sum = 0;
    int x = 0;
    int y = 0;
    while (x < ai.length && y < bi.length) {
      if (ai[x] == bi[y]) {
        sum += av[x++] * bv[y++];
      } else if (ai[x] < bi[y]) {
        x++;
      } else {
        y++;
      }
    }
    return sum;
  }
}
