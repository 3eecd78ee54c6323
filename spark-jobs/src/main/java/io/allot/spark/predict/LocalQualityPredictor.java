package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * {@link PredictorTrainer}'s predictor (per model: logistic regression on hashed 1-2-gram TF-IDF,
 * isotonic calibration on a hold-out) trained on the driver without Spark, for evaluation-sized
 * data. Same settings, same features ({@link LocalTfIdf}), same calibration hold-out (MLlib's
 * xxhash64 of the query id and seed), same objective ({@link LocalLogisticRegression}) and
 * calibration ({@link IsotonicMap}); rows without a score for a model are left out of its fit.
 * With embeddings (one vector per row, as {@link QueryFeatures} assembles them) the vector follows
 * the TF-IDF part in the feature vector.
 */
public final class LocalQualityPredictor {
  private final LocalTfIdf features;
  private final LocalLogisticRegression[] classifiers;
  private final double[] constantRaw;
  private final IsotonicMap[] calibrators;
  private final int embeddingDim;

  private LocalQualityPredictor(LocalTfIdf features, LocalLogisticRegression[] classifiers,
      double[] constantRaw, IsotonicMap[] calibrators, int embeddingDim) {
    this.embeddingDim = embeddingDim;
    this.features = features;
    this.classifiers = classifiers;
    this.constantRaw = constantRaw;
    this.calibrators = calibrators;
  }

  /**
   * @param scores row-major n x m, NaN where a model has no score
   * @param modelIds for error messages
   */
  public static LocalQualityPredictor train(String[] ids, String[] texts, double[] scores,
      List<String> modelIds, PredictorSettings settings) {
    return train(ids, texts, null, scores, modelIds, settings);
  }

  /** @param embeddings one vector per row (all of one length), or null for TF-IDF alone */
  public static LocalQualityPredictor train(String[] ids, String[] texts, float[][] embeddings, double[] scores,
      List<String> modelIds, PredictorSettings settings) {
    int n = ids.length;
    int m = modelIds.size();
    LocalTfIdf tfidf = LocalTfIdf.fit(texts, settings);
    int embeddingDim = embeddings == null || n == 0 ? 0 : embeddings[0].length;
    int dim = tfidf.size() + embeddingDim;
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[n];
    boolean[] holdOut = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = features(tfidf, texts[i], embeddings == null ? null : embeddings[i]);
      holdOut[i] = isHeldOut(ids[i], settings);
    }
    LocalLogisticRegression[] classifiers = new LocalLogisticRegression[m];
    double[] constant = new double[m];
    IsotonicMap[] calibrators = new IsotonicMap[m];
    for (int j = 0; j < m; j++) {
      List<Integer> fit = new ArrayList<>();
      List<Integer> cal = new ArrayList<>();
      int positives = 0;
      for (int i = 0; i < n; i++) {
        double s = scores[i * m + j];
        if (Double.isNaN(s)) {
          continue;
        }
        if (holdOut[i]) {
          cal.add(i);
        } else {
          fit.add(i);
          positives += s >= PredictorColumns.CORRECT_AT ? 1 : 0;
        }
      }
      if (fit.size() < PredictorTrainer.MIN_LABELLED_ROWS || cal.isEmpty()) {
        throw new IllegalArgumentException("model '" + modelIds.get(j) + "' has " + fit.size()
            + " training and " + cal.size() + " calibration rows with a score; at least "
            + PredictorTrainer.MIN_LABELLED_ROWS + " and 1 are needed");
      }
      if (positives == 0 || positives == fit.size()) {
        constant[j] = (positives + 1) / (fit.size() + 2.0);
      } else {
        constant[j] = Double.NaN;
        LocalTfIdf.Sparse[] fx = new LocalTfIdf.Sparse[fit.size()];
        boolean[] fy = new boolean[fit.size()];
        for (int k = 0; k < fx.length; k++) {
          fx[k] = x[fit.get(k)];
          fy[k] = scores[fit.get(k) * m + j] >= PredictorColumns.CORRECT_AT;
        }
        classifiers[j] = LocalLogisticRegression.fit(fx, fy, dim, settings.regParam(),
            settings.maxIter(), settings.tolerance());
      }
      double[] cx = new double[cal.size()];
      boolean[] cy = new boolean[cal.size()];
      for (int k = 0; k < cx.length; k++) {
        int i = cal.get(k);
        cx[k] = classifiers[j] == null ? constant[j] : classifiers[j].probability(x[i]);
        cy[k] = scores[i * m + j] >= PredictorColumns.CORRECT_AT;
      }
      calibrators[j] = IsotonicMap.fit(cx, cy);
    }
    return new LocalQualityPredictor(tfidf, classifiers, constant, calibrators, embeddingDim);
  }

  /** The TF-IDF vector of the text, then the embedding (if any) at the indices after it. */
  private static LocalTfIdf.Sparse features(LocalTfIdf tfidf, String text, float[] embedding) {
    LocalTfIdf.Sparse t = tfidf.transform(text);
    if (embedding == null) {
      return t;
    }
    int[] idx = java.util.Arrays.copyOf(t.indices(), t.indices().length + embedding.length);
    double[] val = java.util.Arrays.copyOf(t.values(), idx.length);
    for (int k = 0; k < embedding.length; k++) {
      idx[t.indices().length + k] = tfidf.size() + k;
      val[t.indices().length + k] = embedding[k];
    }
    return new LocalTfIdf.Sparse(idx, val);
  }

  /** The trainer's hold-out rule: pmod(abs(xxhash64(id, seed)), 10000) below the share. */
  static boolean isHeldOut(String id, PredictorSettings settings) {
    long h = XXH64.hashUTF8String(UTF8String.fromString(id), 42L);
    h = XXH64.hashLong(settings.seed(), h);
    long a = Math.abs(h);
    long bucket = ((a % 10_000) + 10_000) % 10_000;
    return bucket < Math.round(settings.calibrationFraction() * 10_000);
  }

  public LocalTfIdf features() {
    return features;
  }

  /** Uncalibrated P(correct) per model. */
  public double[] raw(String text) {
    return raw(text, null);
  }

  /** Uncalibrated P(correct) per model; {@code embedding} as in training (null when trained without). */
  public double[] raw(String text, float[] embedding) {
    if ((embedding == null ? 0 : embedding.length) != embeddingDim) {
      throw new IllegalArgumentException("this predictor was trained on embeddings of " + embeddingDim
          + " values, got " + (embedding == null ? "none" : embedding.length));
    }
    LocalTfIdf.Sparse x = features(features, text, embedding);
    double[] p = new double[classifiers.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = classifiers[j] == null ? constantRaw[j] : classifiers[j].probability(x);
    }
    return p;
  }

  /** Calibrated P(correct) per model. */
  public double[] calibrated(String text) {
    return calibrated(text, null);
  }

  /** Calibrated P(correct) per model, with the embedding as in {@link #raw(String, float[])}. */
  public double[] calibrated(String text, float[] embedding) {
    double[] p = raw(text, embedding);
    for (int j = 0; j < p.length; j++) {
      p[j] = calibrators[j].apply(p[j]);
    }
    return p;
  }

  /** Model j's classifier, or null when its training rows held one class only. */
  public LocalLogisticRegression classifier(int j) {
    return classifiers[j];
  }
}
