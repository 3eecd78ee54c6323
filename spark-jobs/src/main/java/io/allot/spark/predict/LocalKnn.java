package io.allot.spark.predict;

import java.util.PriorityQueue;

/**
 * The kNN learner, on the driver without Spark (it replaced the Spark-side kNN, which collected the
 * training rows to the driver anyway): P(model correct) is the rate at which
 * the k most cosine-similar training queries (TF-IDF from {@link LocalTfIdf}) were answered
 * correctly, shrunk towards the model's add-one overall rate by a pseudo-count. The same learner
 * runs on sentence embeddings instead ({@link #fitVectors}, {@link #predictVector}).
 */
public final class LocalKnn {
  private final LocalTfIdf features;
  private final LocalTfIdf.Sparse[] train;
  private final double[] correct;
  private final double[] prior;
  private final int m;
  private final PredictorSettings settings;

  private LocalKnn(LocalTfIdf features, LocalTfIdf.Sparse[] train, double[] correct,
      double[] prior, int m, PredictorSettings settings) {
    this.features = features;
    this.train = train;
    this.correct = correct;
    this.prior = prior;
    this.m = m;
    this.settings = settings;
  }

  /** @param scores row-major n x m, NaN where a model has no score (that neighbour does not vote) */
  public static LocalKnn fit(LocalTfIdf features, String[] texts, double[] scores, int m,
      PredictorSettings settings) {
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[texts.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = features.transform(texts[i]).unit();
    }
    return fit(features, x, scores, m, settings);
  }

  /** kNN in embedding space: cosine similarity of the vectors (one per row). */
  public static LocalKnn fitVectors(float[][] vectors, double[] scores, int m, PredictorSettings settings) {
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[vectors.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = dense(vectors[i]);
    }
    return fit(null, x, scores, m, settings);
  }

  private static LocalKnn fit(LocalTfIdf features, LocalTfIdf.Sparse[] x, double[] scores, int m,
      PredictorSettings settings) {
    int n = x.length;
    double[] correct = new double[n * m];
    double[] hits = new double[m];
    double[] counts = new double[m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = scores[i * m + j];
        correct[i * m + j] = Double.isNaN(s) ? Double.NaN : s >= PredictorColumns.CORRECT_AT ? 1 : 0;
        if (!Double.isNaN(s)) {
          hits[j] += correct[i * m + j];
          counts[j]++;
        }
      }
    }
    double[] prior = new double[m];
    for (int j = 0; j < m; j++) {
      prior[j] = (hits[j] + 1) / (counts[j] + 2);
    }
    return new LocalKnn(features, x, correct, prior, m, settings);
  }

  public double[] predict(String text) {
    return predict(features.transform(text).unit());
  }

  /** For a learner from {@link #fitVectors}: the query's embedding. */
  public double[] predictVector(float[] vector) {
    return predict(dense(vector));
  }

  private static LocalTfIdf.Sparse dense(float[] v) {
    int[] idx = new int[v.length];
    double[] val = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      idx[k] = k;
      val[k] = v[k];
    }
    return new LocalTfIdf.Sparse(idx, val).unit();
  }

  private double[] predict(LocalTfIdf.Sparse q) {
    int k = Math.min(settings.knnNeighbours(), train.length);
    PriorityQueue<double[]> best = new PriorityQueue<>(
        (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(b[1], a[1]));
    for (int i = 0; i < train.length; i++) {
      double sim = q.dot(train[i]);
      if (best.size() < k) {
        best.add(new double[] {sim, i});
      } else if (sim > best.peek()[0]) {
        best.poll();
        best.add(new double[] {sim, i});
      }
    }
    double w = settings.knnPriorWeight();
    double[] sum = new double[m];
    double[] count = new double[m];
    for (double[] e : best) {
      int i = (int) e[1];
      for (int j = 0; j < m; j++) {
        double c = correct[i * m + j];
        if (!Double.isNaN(c)) {
          sum[j] += c;
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
}
