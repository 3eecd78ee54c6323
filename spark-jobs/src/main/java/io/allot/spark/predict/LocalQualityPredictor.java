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
 */
public final class LocalQualityPredictor {
  private final LocalTfIdf features;
  private final LocalLogisticRegression[] classifiers;
  private final double[] constantRaw;
  private final IsotonicMap[] calibrators;

  private LocalQualityPredictor(LocalTfIdf features, LocalLogisticRegression[] classifiers,
      double[] constantRaw, IsotonicMap[] calibrators) {
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
    int n = ids.length;
    int m = modelIds.size();
    LocalTfIdf tfidf = LocalTfIdf.fit(texts, settings);
    LocalTfIdf.Sparse[] x = new LocalTfIdf.Sparse[n];
    boolean[] holdOut = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = tfidf.transform(texts[i]);
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
        classifiers[j] = LocalLogisticRegression.fit(fx, fy, tfidf.size(), settings.regParam(),
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
    return new LocalQualityPredictor(tfidf, classifiers, constant, calibrators);
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
    LocalTfIdf.Sparse x = features.transform(text);
    double[] p = new double[classifiers.length];
    for (int j = 0; j < p.length; j++) {
      p[j] = classifiers[j] == null ? constantRaw[j] : classifiers[j].probability(x);
    }
    return p;
  }

  /** Calibrated P(correct) per model. */
  public double[] calibrated(String text) {
    double[] p = raw(text);
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
