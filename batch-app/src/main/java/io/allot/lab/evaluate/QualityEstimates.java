package io.allot.lab.evaluate;

import io.allot.spark.predict.CalibrationMetrics;
import io.allot.spark.predict.CrossModelCalibration;
import io.allot.spark.predict.LocalKnn;
import io.allot.spark.predict.LocalQualityPredictor;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.PredictorSettings;
import io.allot.spark.encode.MiniLmEncoder;
import io.allot.spark.encode.QueryEncoderKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Per-query, per-model P(correct) for a test part from its train part, by two learners (the
 * calibrated logistic regression and kNN, both driver-side; with an encoder, also both on the query
 * embedding), and what held-out predictions on the
 * train part say about them: out-of-fold predictions (k folds within train) give each model's
 * Brier score per learner (the champion is the lower) and a reliability, the slope of the outcome
 * on the prediction, by which the champion's estimates are shrunk toward the model's mean:
 * p' = mean + slope * (p - mean), slope clipped to [0, 1]; and the nightly predictor's
 * cross-model stage fitted on the same out-of-fold predictions. The test rows never take part.
 */
final class QualityEstimates {
  static final int FOLDS = 3;
  /** The learners, in the order of {@link #predict}'s calibrated outputs. */
  static final String[] LEARNERS = {"logistic", "kNN", "logistic+embedding", "kNN on embedding"};

  /** n x m row-major each. */
  final double[] raw;
  final double[] logistic;
  final double[] knn;
  final double[] champion;
  final double[] shrunk;
  /**
   * The champion's estimates after the nightly predictor's cross-model stage
   * ({@link CrossModelCalibration}), fitted on the champions' out-of-fold predictions.
   */
  final double[] crossed;
  /** Per model: the learner with the lowest out-of-fold Brier score ({@link #LEARNERS}). */
  final String[] championLearner;
  final double[] reliability;
  /** With an encoder: the estimates of {@link #LEARNERS} 2 and 3 on the test rows; else empty. */
  final double[][] encoderLearners;

  private QualityEstimates(double[] raw, double[] logistic, double[] knn, double[] champion,
      double[] shrunk, double[] crossed, String[] championLearner, double[] reliability,
      double[][] encoderLearners) {
    this.encoderLearners = encoderLearners;
    this.crossed = crossed;
    this.raw = raw;
    this.logistic = logistic;
    this.knn = knn;
    this.champion = champion;
    this.shrunk = shrunk;
    this.championLearner = championLearner;
    this.reliability = reliability;
  }

  static QualityEstimates fit(RoutingData train, RoutingData test, PredictorSettings settings,
      long seed) {
    int m = train.modelCount();
    double[][] direct = predict(train, test, settings);
    int learners = direct.length - 1;
    // Out-of-fold predictions on the train part.
    int n = train.rows();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    double[][] oof = new double[learners][n * m];
    for (int f = 0; f < FOLDS; f++) {
      List<Integer> in = new ArrayList<>();
      List<Integer> out = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        (k % FOLDS == f ? out : in).add(order.get(k));
      }
      int[] inRows = in.stream().mapToInt(Integer::intValue).sorted().toArray();
      int[] outRows = out.stream().mapToInt(Integer::intValue).sorted().toArray();
      double[][] p = predict(train.select(inRows, "fold"), train.select(outRows, "fold"), settings);
      for (int r = 0; r < outRows.length; r++) {
        for (int l = 0; l < learners; l++) {
          System.arraycopy(p[l + 1], r * m, oof[l], outRows[r] * m, m);
        }
      }
    }
    String[] winner = new String[m];
    double[] slope = new double[m];
    double[] champion = new double[test.rows() * m];
    double[] shrunk = new double[test.rows() * m];
    List<double[]> oofChampion = new ArrayList<>();
    List<double[]> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      oofChampion.add(new double[m]);
      double[] y = new double[m];
      for (int j = 0; j < m; j++) {
        y[j] = Double.isNaN(train.score(i, j)) ? Double.NaN : right(train.score(i, j));
      }
      outcomes.add(y);
    }
    for (int j = 0; j < m; j++) {
      int bestLearner = 0;
      double[] best = brierAndSlope(train, oof[0], j);
      for (int l = 1; l < learners; l++) {
        double[] b = brierAndSlope(train, oof[l], j);
        if (b[0] < best[0]) {
          best = b;
          bestLearner = l;
        }
      }
      winner[j] = LEARNERS[bestLearner];
      for (int i = 0; i < n; i++) {
        oofChampion.get(i)[j] = oof[bestLearner][i * m + j];
      }
      slope[j] = best[1];
      double[] source = direct[bestLearner + 1];
      for (int i = 0; i < test.rows(); i++) {
        double p = source[i * m + j];
        champion[i * m + j] = p;
        shrunk[i * m + j] = shrink(p, best);
      }
    }
    CrossModelCalibration stage = CrossModelCalibration.fit(oofChampion, outcomes);
    double[] crossed = new double[test.rows() * m];
    for (int i = 0; i < test.rows(); i++) {
      System.arraycopy(stage.apply(Arrays.copyOfRange(champion, i * m, (i + 1) * m)), 0, crossed, i * m, m);
    }
    return new QualityEstimates(direct[0], direct[1], direct[2], champion, shrunk, crossed, winner, slope,
        Arrays.copyOfRange(direct, 3, direct.length));
  }

  /**
   * {raw logistic, calibrated logistic, kNN} for the test rows, each n x m; with an encoder
   * ({@link PredictorSettings#encoder()}) also {calibrated logistic on TF-IDF + embedding, kNN on the
   * embedding}. Embeddings come from the encoder's cache after a text's first encoding, so the
   * folds do not encode again.
   */
  static double[][] predict(RoutingData train, RoutingData test, PredictorSettings settings) {
    LocalQualityPredictor lr = LocalQualityPredictor.train(train.ids(), train.texts(),
        train.score(), train.models(), settings);
    LocalKnn knn = LocalKnn.fit(lr.features(), train.texts(), train.score(), train.modelCount(),
        settings);
    boolean embed = settings.encoder() == QueryEncoderKind.MINILM;
    int m = train.modelCount();
    double[][] out = new double[embed ? 5 : 3][test.rows() * m];
    for (int i = 0; i < test.rows(); i++) {
      System.arraycopy(lr.raw(test.texts()[i]), 0, out[0], i * m, m);
      System.arraycopy(lr.calibrated(test.texts()[i]), 0, out[1], i * m, m);
      System.arraycopy(knn.predict(test.texts()[i]), 0, out[2], i * m, m);
    }
    if (embed) {
      float[][] trainVectors = MiniLmEncoder.shared().encode(Arrays.asList(train.texts()));
      float[][] testVectors = MiniLmEncoder.shared().encode(Arrays.asList(test.texts()));
      LocalQualityPredictor lrEmb = LocalQualityPredictor.train(train.ids(), train.texts(), trainVectors,
          train.score(), train.models(), settings);
      LocalKnn knnEmb = LocalKnn.fitVectors(trainVectors, train.score(), m, settings);
      for (int i = 0; i < test.rows(); i++) {
        System.arraycopy(lrEmb.calibrated(test.texts()[i], testVectors[i]), 0, out[3], i * m, m);
        System.arraycopy(knnEmb.predictVector(testVectors[i]), 0, out[4], i * m, m);
      }
    }
    return out;
  }

  /** {Brier, slope of outcome on prediction in [0,1], mean prediction, mean outcome} for model j. */
  static double[] brierAndSlope(RoutingData data, double[] p, int j) {
    int m = data.modelCount();
    double sp = 0;
    double sy = 0;
    int k = 0;
    for (int i = 0; i < data.rows(); i++) {
      if (!Double.isNaN(data.score(i, j))) {
        sp += p[i * m + j];
        sy += right(data.score(i, j));
        k++;
      }
    }
    double mp = sp / Math.max(1, k);
    double my = sy / Math.max(1, k);
    double cov = 0;
    double var = 0;
    double brier = 0;
    for (int i = 0; i < data.rows(); i++) {
      if (!Double.isNaN(data.score(i, j))) {
        double d = p[i * m + j] - mp;
        double y = right(data.score(i, j));
        cov += d * (y - my);
        var += d * d;
        brier += (p[i * m + j] - y) * (p[i * m + j] - y);
      }
    }
    double slope = var > 1e-12 ? Math.max(0, Math.min(1, cov / var)) : 0;
    return new double[] {brier / Math.max(1, k), slope, mp, my};
  }

  /** p moved toward the held-out mean outcome by the held-out slope ({@link #brierAndSlope}). */
  static double shrink(double p, double[] brierAndSlope) {
    return clip(brierAndSlope[3] + brierAndSlope[1] * (p - brierAndSlope[2]));
  }

  /** AUC, Brier and ECE of one model's estimates on labelled rows (via the shared metrics). */
  static CalibrationMetrics metrics(RoutingData data, double[] p, int j) {
    int m = data.modelCount();
    double[] pj = new double[data.rows()];
    boolean[] y = new boolean[data.rows()];
    for (int i = 0; i < data.rows(); i++) {
      pj[i] = p[i * m + j];
      y[i] = data.score(i, j) >= PredictorColumns.CORRECT_AT;
    }
    return CalibrationMetrics.of(pj, y);
  }

  private static double right(double score) {
    return score >= PredictorColumns.CORRECT_AT ? 1 : 0;
  }

  private static double clip(double p) {
    return Math.max(0, Math.min(1, p));
  }
}
