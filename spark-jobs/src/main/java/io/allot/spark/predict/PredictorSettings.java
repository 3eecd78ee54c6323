package io.allot.spark.predict;

import io.allot.spark.encode.QueryEncoderKind;

/**
 * How the quality predictor is trained.
 *
 * @param hashFeatures size of the hashed word 1-2-gram space (a power of two keeps buckets even)
 * @param minDocFreq terms seen in fewer training queries get IDF weight 0
 * @param regParam L2 penalty of each logistic regression
 * @param maxIter L-BFGS iterations per logistic regression
 * @param tolerance L-BFGS convergence tolerance (each iteration is a Spark job: keep it coarse)
 * @param calibrationFraction share of each model's labelled rows held out to fit the isotonic map
 *     (the classifier never sees them)
 * @param seed decides the held-out rows (a hash of query id and seed, so it does not depend on
 *     partitioning)
 * @param knnNeighbours neighbours the kNN baseline averages over
 * @param knnPriorWeight pseudo-count of each model's overall accuracy in the kNN average
 * @param encoder the sentence encoder that fills the embedding feature (allot.predictor.encoder)
 * @param driverFitMaxRows training sets of at most this many labelled rows are collected to the
 *     driver and each classifier fitted there (the same objective); larger ones with MLlib, one
 *     Spark job per L-BFGS iteration (allot.predictor.driver-fit-max-rows; 0: always MLlib)
 */
public record PredictorSettings(int hashFeatures, int minDocFreq, double regParam, int maxIter,
    double tolerance, double calibrationFraction, long seed, int knnNeighbours, double knnPriorWeight,
    QueryEncoderKind encoder, long driverFitMaxRows) {

  /** Without an encoder ({@link QueryEncoderKind#NONE}), classifiers fitted with MLlib whatever the size. */
  public PredictorSettings(int hashFeatures, int minDocFreq, double regParam, int maxIter, double tolerance,
      double calibrationFraction, long seed, int knnNeighbours, double knnPriorWeight) {
    this(hashFeatures, minDocFreq, regParam, maxIter, tolerance, calibrationFraction, seed, knnNeighbours,
        knnPriorWeight, QueryEncoderKind.NONE, 0);
  }

  public PredictorSettings {
    if (hashFeatures < 16) {
      throw new IllegalArgumentException("hashFeatures must be at least 16, got " + hashFeatures);
    }
    if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
      throw new IllegalArgumentException(
          "calibrationFraction must be in (0,1), got " + calibrationFraction);
    }
    if (encoder == null) {
      throw new IllegalArgumentException("encoder must be given (none or minilm)");
    }
    if (driverFitMaxRows < 0) {
      throw new IllegalArgumentException("driverFitMaxRows must be >= 0, got " + driverFitMaxRows);
    }
    if (regParam < 0 || maxIter <= 0 || !(tolerance > 0) || minDocFreq < 0 || knnNeighbours <= 0 || knnPriorWeight < 0) {
      throw new IllegalArgumentException("regParam, minDocFreq and knnPriorWeight must be >= 0; "
          + "maxIter and knnNeighbours > 0");
    }
  }

  /**
   * The nightly job's training settings: the hashed space, L2 penalty, iterations, calibration share
   * and seed equal allot.predictor.*'s defaults (conf/application.yml; SettingsDefaultsTest checks
   * they agree), the rest are fixed here.
   */
  public static PredictorSettings defaults() {
    return new PredictorSettings(1 << 14, 1, 0.5, 30, 1e-4, 0.3, 42L, 20, 2.0, QueryEncoderKind.NONE, 200_000);
  }

  public PredictorSettings withEncoder(QueryEncoderKind value) {
    return new PredictorSettings(hashFeatures, minDocFreq, regParam, maxIter, tolerance, calibrationFraction, seed,
        knnNeighbours, knnPriorWeight, value, driverFitMaxRows);
  }

  public PredictorSettings withSeed(long value) {
    return new PredictorSettings(hashFeatures, minDocFreq, regParam, maxIter, tolerance, calibrationFraction,
        value, knnNeighbours, knnPriorWeight, encoder, driverFitMaxRows);
  }

  public PredictorSettings withRegParam(double value) {
    return new PredictorSettings(hashFeatures, minDocFreq, value, maxIter, tolerance, calibrationFraction,
        seed, knnNeighbours, knnPriorWeight, encoder, driverFitMaxRows);
  }

  public PredictorSettings withCalibrationFraction(double value) {
    return new PredictorSettings(hashFeatures, minDocFreq, regParam, maxIter, tolerance, value, seed,
        knnNeighbours, knnPriorWeight, encoder, driverFitMaxRows);
  }

  public PredictorSettings withDriverFitMaxRows(long value) {
    return new PredictorSettings(hashFeatures, minDocFreq, regParam, maxIter, tolerance, calibrationFraction, seed,
        knnNeighbours, knnPriorWeight, encoder, value);
  }
}
