package io.allot.spark.predict;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link QualityPredictor}: features on all training rows, then per model a logistic
 * regression on that model's labelled rows outside the calibration hold-out, and an isotonic map
 * from the classifier's probability to the observed rate fitted on the hold-out alone.
 *
 * <p>Rows whose score for a model is missing (null) are left out of that model's fit and counted
 * in the log; they are never read as wrong answers.
 */
public final class PredictorTrainer {
  private static final Logger log = LoggerFactory.getLogger(PredictorTrainer.class);
  /** Fewer labelled rows than this per model cannot give a classifier and a calibration map. */
  public static final int MIN_LABELLED_ROWS = 10;
  /** Models fitted at once. */
  static final int PARALLEL_FITS = 4;

  private PredictorTrainer() {}

  /**
   * @param labelled rows with {@link PredictorColumns#ID}, {@link PredictorColumns#TEXT} and
   *     {@link PredictorColumns#SCORES} (model order), plus any optional feature columns
   */
  public static QualityPredictor train(Dataset<Row> labelled, List<String> modelIds,
      PredictorSettings settings) {
    long t0 = System.nanoTime();
    QueryFeatures features = QueryFeatures.fit(labelled, settings);
    Column holdOut = pmod(abs(xxhash64(col(PredictorColumns.ID), lit(settings.seed()))), lit(10_000))
        .lt(lit((long) Math.round(settings.calibrationFraction() * 10_000)));
    Dataset<Row> featured = features.transform(labelled)
        .select(col(PredictorColumns.ID), col(QueryFeatures.FEATURES), col(PredictorColumns.SCORES),
            holdOut.as("hold_out"))
        // Each L-BFGS iteration is a Spark job: cutting the lineage keeps the feature pipeline
        // (and its IDF vector) out of every task, which dominates small training sets.
        .localCheckpoint();
    try {
      int m = modelIds.size();
      LogisticRegressionModel[] classifiers = new LogisticRegressionModel[m];
      double[] constant = new double[m];
      IsotonicRegressionModel[] calibrators = new IsotonicRegressionModel[m];
      long[][] counts = labelCounts(featured, m);
      long rows = counts[m][0];
      for (int j = 0; j < m; j++) {
        if (counts[j][0] < MIN_LABELLED_ROWS || counts[j][2] < 1) {
          throw new IllegalArgumentException("model '" + modelIds.get(j) + "' has " + counts[j][0]
              + " training and " + counts[j][2] + " calibration rows with a score; at least "
              + MIN_LABELLED_ROWS + " and 1 are needed");
        }
      }
      // With MLlib one model's fit is a chain of small Spark jobs (one per L-BFGS iteration), mostly
      // scheduling latency on small data: fitting several models at once keeps the cores busy. A
      // small training set is collected once and each classifier fitted in memory instead.
      DriverFitRows driverRows = rows <= settings.driverFitMaxRows() ? DriverFitRows.collect(featured, m) : null;
      log.info("predictor: {} labelled rows, classifiers fitted {}", rows,
          driverRows != null ? "on the driver" : "with MLlib on the cluster");
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
          Math.min(m, PARALLEL_FITS));
      try {
        List<java.util.concurrent.Future<?>> fits = new ArrayList<>();
        for (int j = 0; j < m; j++) {
          int model = j;
          fits.add(pool.submit(() -> fitOne(featured, driverRows, model, modelIds, settings, counts, classifiers,
              constant, calibrators)));
        }
        for (java.util.concurrent.Future<?> f : fits) {
          await(f);
        }
      } finally {
        pool.shutdownNow();
      }
      log.info("predictor trained for {} models in {} ms", m, (System.nanoTime() - t0) / 1_000_000);
      return new QualityPredictor(modelIds, features, classifiers, constant, calibrators);
    } finally {
      featured.unpersist();
    }
  }

  /**
   * Fits model j's classifier (on the driver when {@code driverRows} holds the rows, else with
   * MLlib) and calibration map into the given arrays.
   */
  private static void fitOne(Dataset<Row> featured, DriverFitRows driverRows, int j, List<String> modelIds, PredictorSettings settings,
      long[][] counts, LogisticRegressionModel[] classifiers, double[] constant,
      IsotonicRegressionModel[] calibrators) {
    int m = modelIds.size();
    Column score = element_at(col(PredictorColumns.SCORES), j + 1);
    Dataset<Row> rows = featured.filter(score.isNotNull())
        .withColumn("label", when(score.geq(PredictorColumns.CORRECT_AT), 1.0).otherwise(0.0));
    Dataset<Row> fitPart = rows.filter(not(col("hold_out")));
    Dataset<Row> calPart = rows.filter(col("hold_out"));
    long fitRows = counts[j][0];
    long calRows = counts[j][2];
    double positives = counts[j][1];
    String rawCol = "p_raw_" + j;
    Dataset<Row> calScored;
    if (positives == 0 || positives == fitRows) {
      constant[j] = (positives + 1) / (fitRows + 2.0);
      calScored = calPart.withColumn(rawCol, lit(constant[j]));
      log.warn("model {}: all {} training rows are {}, using constant {}", modelIds.get(j),
          fitRows, positives == 0 ? "wrong" : "right", constant[j]);
    } else {
      classifiers[j] = driverRows != null ? driverRows.fit(j, settings)
          : new LogisticRegression().setFeaturesCol(QueryFeatures.FEATURES)
              .setLabelCol("label").setRegParam(settings.regParam()).setMaxIter(settings.maxIter())
              .setTol(settings.tolerance())
              .fit(fitPart);
      constant[j] = Double.NaN;
      calScored = classifiers[j].setProbabilityCol("p_vec").setRawPredictionCol("p_margin")
          .setPredictionCol("p_label").transform(calPart)
          .withColumn(rawCol, org.apache.spark.ml.functions.vector_to_array(col("p_vec"), "float64")
              .getItem(1));
    }
    calibrators[j] = new IsotonicRegression().setFeaturesCol(rawCol).setLabelCol("label")
        .setPredictionCol("p_cal").fit(calScored.select(col(rawCol), col("label")));
    log.info("predictor: model {} ({} of {}): {} training rows, {} calibration rows",
        modelIds.get(j), j + 1, m, fitRows, calRows);
  }

  private static void await(java.util.concurrent.Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("predictor training was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Per model, in one pass: {training rows, training positives, calibration rows} with a score;
   * the last entry's first value is the number of rows.
   */
  private static long[][] labelCounts(Dataset<Row> featured, int m) {
    List<Column> aggs = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      Column score = element_at(col(PredictorColumns.SCORES), j + 1);
      Column fit = score.isNotNull().and(not(col("hold_out")));
      aggs.add(sum(when(fit, 1L).otherwise(0L)));
      aggs.add(sum(when(fit.and(score.geq(PredictorColumns.CORRECT_AT)), 1L).otherwise(0L)));
      aggs.add(sum(when(score.isNotNull().and(col("hold_out")), 1L).otherwise(0L)));
    }
    aggs.add(org.apache.spark.sql.functions.count(lit(1)));
    Row r = featured.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    long[][] counts = new long[m + 1][3];
    for (int j = 0; j < m; j++) {
      for (int c = 0; c < 3; c++) {
        counts[j][c] = r.isNullAt(3 * j + c) ? 0 : r.getLong(3 * j + c);
      }
    }
    counts[m][0] = r.getLong(3 * m);
    return counts;
  }
}
