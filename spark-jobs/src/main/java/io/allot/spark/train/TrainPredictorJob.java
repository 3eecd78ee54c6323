package io.allot.spark.train;

import io.allot.spark.predict.CalibrationMetrics;
import io.allot.spark.predict.CrossModelCalibration;
import io.allot.spark.predict.CrossModelFit;
import io.allot.spark.predict.LabelledPredictions;
import io.allot.spark.predict.ModelMetrics;
import io.allot.spark.predict.PredictorColumns;
import io.allot.spark.predict.PredictorSettings;
import io.allot.spark.predict.PredictorStore;
import io.allot.spark.predict.PredictorTrainer;
import io.allot.spark.predict.QualityPredictor;
import io.allot.spark.predict.TrainingRows;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryRecordValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainPredictor job's Spark work: labelled history in, a saved {@link QualityPredictor} out.
 * A seeded hash of the query id sets a test share aside; the predictor is trained on the rest and
 * its per-model AUC, Brier score and calibration error are measured on the test share, which it
 * never saw. A model with fewer labelled training rows than {@code minRowsPerModel} is left out
 * (the score step keeps its smoothed per-task mean) and named in the summary.
 */
public final class TrainPredictorJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainPredictorJob.class);

  /**
   * @param outputDir where the predictor is saved ({@link PredictorStore}); shared storage on a cluster
   * @param testFraction share of labelled queries held out for the reported metrics
   * @param crossModel whether to fit a {@link CrossModelCalibration} on the test share and save it
   *     with the predictor (allot.predictor.cross-model)
   */
  public record Params(List<String> historyQueryLogs, List<String> outcomeFiles, ModelCatalog catalog,
      String outputDir, PredictorSettings settings, double testFraction, int minRowsPerModel, boolean crossModel) {
    /** With the cross-model stage (the default). */
    public Params(List<String> historyQueryLogs, List<String> outcomeFiles, ModelCatalog catalog, String outputDir,
        PredictorSettings settings, double testFraction, int minRowsPerModel) {
      this(historyQueryLogs, outcomeFiles, catalog, outputDir, settings, testFraction, minRowsPerModel, true);
    }

    public Params {
      historyQueryLogs = List.copyOf(historyQueryLogs);
      outcomeFiles = List.copyOf(outcomeFiles);
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(outputDir, "outputDir");
      Objects.requireNonNull(settings, "settings");
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException("allot.predictor.test-fraction is " + testFraction + "; it must be in (0,1)");
      }
      if (minRowsPerModel < 2 * PredictorTrainer.MIN_LABELLED_ROWS) {
        throw new IllegalArgumentException("allot.predictor.min-rows-per-model is " + minRowsPerModel
            + "; it must be at least " + 2 * PredictorTrainer.MIN_LABELLED_ROWS);
      }
    }
  }

  /**
   * @param trainedModels the models the predictor covers, in catalog order
   * @param skippedModels models left out, with their labelled training rows
   * @param missingCells (query, model) pairs of the labelled queries without an outcome
   * @param labelledTrainRows every catalog model's training rows with an outcome, catalog order
   * @param testMetrics per trained model, on the test share
   * @param smoothedMetrics per trained model, the score step's estimate without a predictor (smoothed
   *     per-task means, fitted on the training queries) on the same test share: what it must beat
   * @param crossModel the cross-model stage fitted on the test share (testMetrics are before it),
   *     or null when it is turned off
   */
  public record Summary(long labelledQueries, long trainRows, long testRows, long missingCells,
      List<String> trainedModels, Map<String, Long> skippedModels, Map<String, Long> labelledTrainRows,
      List<ModelMetrics> testMetrics, Map<String, CalibrationMetrics> smoothedMetrics, CrossModelFit crossModel) {

    /** The trained models whose held-out Brier score beats their smoothed mean's, in training order. */
    public List<String> modelsBeatingSmoothed() {
      return testMetrics.stream().filter(m -> m.calibrated().brier() < smoothedMetrics.get(m.modelId()).brier())
          .map(ModelMetrics::modelId).toList();
    }

    /** Mean Brier score over the trained models: the predictor's, and the smoothed means'. */
    public double[] meanBrier() {
      double p = testMetrics.stream().mapToDouble(m -> m.calibrated().brier()).average().orElse(Double.NaN);
      double b = smoothedMetrics.values().stream().mapToDouble(CalibrationMetrics::brier).average().orElse(Double.NaN);
      return new double[] {p, b};
    }
  }

  private TrainPredictorJob() {}

  /**
   * Whether a labelled query is in the test share a predictor trained with this seed and test
   * fraction set aside (it never saw the query): a seeded hash of its id. Other steps use it to
   * find the history rows whose estimates are out of the predictor's sample.
   */
  public static Column testRows(Column queryId, long seed, double testFraction) {
    return pmod(abs(xxhash64(queryId, lit(seed + 1))), lit(10_000)).lt(lit((long) Math.round(testFraction * 10_000)));
  }

  public static Summary run(SparkSession spark, Params p) {
    List<String> all = p.catalog().ids();
    try (QueryLogReader.Result history = QueryLogReader.read(spark, p.historyQueryLogs(), InputFormat.AUTO,
        new QueryRecordValidator(p.catalog()))) {
      Dataset<Row> valid = history.valid().persist(StorageLevel.MEMORY_AND_DISK());
      try (OutcomeReader.Result outcomes = OutcomeReader.read(spark, p.outcomeFiles(), p.catalog(), valid)) {
        Column isTest = testRows(col(PredictorColumns.ID), p.settings().seed(), p.testFraction());
        Dataset<Row> rows = TrainingRows.of(valid, outcomes.used(), all).withColumn("_test", isTest)
            .persist(StorageLevel.MEMORY_AND_DISK());
        try {
          long[] perModelTrain = new long[all.size()];
          long[] totals = counts(rows, all.size(), perModelTrain);
          LOG.info("trainPredictor: {} labelled queries ({} train, {} test), {} missing cells",
              totals[0], totals[1], totals[2], totals[3]);
          List<String> trained = new ArrayList<>();
          Map<String, Long> skipped = new LinkedHashMap<>();
          Map<String, Long> labelledTrain = new LinkedHashMap<>();
          for (int j = 0; j < all.size(); j++) {
            labelledTrain.put(all.get(j), perModelTrain[j]);
            if (perModelTrain[j] >= p.minRowsPerModel()) {
              trained.add(all.get(j));
            } else {
              skipped.put(all.get(j), perModelTrain[j]);
              LOG.warn("trainPredictor: model {} has {} labelled training rows (< allot.predictor.min-rows-per-model"
                  + " {}); it is left out and keeps the smoothed per-task mean", all.get(j), perModelTrain[j], p.minRowsPerModel());
            }
          }
          if (trained.isEmpty()) {
            throw new IllegalArgumentException("no model has " + p.minRowsPerModel() + " labelled training rows in the "
                + "history (" + totals[0] + " labelled queries in " + p.historyQueryLogs().size()
                + " log partitions); add outcomes or lower allot.predictor.min-rows-per-model");
          }
          Dataset<Row> train = forModels(rows.filter(col("_test").equalTo(false)), all, trained);
          Dataset<Row> test = forModels(rows.filter(col("_test")), all, trained);
          QualityPredictor predictor = PredictorTrainer.train(train, trained, p.settings());
          List<Row> testPredictions = predictor.collectLabelled(test);
          List<ModelMetrics> metrics = LabelledPredictions.metrics(testPredictions, trained);
          CrossModelFit cross = null;
          if (p.crossModel()) {
            cross = CrossModelFit.on(testPredictions, trained);
            predictor = predictor.withCrossModel(cross.calibration());
            logCrossModel(cross);
          }
          Map<String, CalibrationMetrics> baseline = io.allot.spark.train.SmoothedMeanBaseline.measure(valid,
              outcomes.used(), isTest, p.catalog(), trained);
          PredictorStore.save(spark, predictor, p.outputDir());
          metrics.forEach(m -> LOG.info("trainPredictor: {} on {} test rows: AUC {}, Brier {} -> {}, ECE {} -> {};"
              + " smoothed per-task means: AUC {}, Brier {}", m.modelId(), m.calibrated().rows(), f(m.calibrated().auc()),
              f(m.raw().brier()), f(m.calibrated().brier()), f(m.raw().ece()), f(m.calibrated().ece()),
              f(baseline.get(m.modelId()).auc()), f(baseline.get(m.modelId()).brier())));
          return new Summary(totals[0], totals[1], totals[2], totals[3], trained, skipped, labelledTrain, metrics,
              baseline, cross);
        } finally {
          rows.unpersist();
          valid.unpersist();
        }
      }
    }
  }

  private static void logCrossModel(CrossModelFit fit) {
    for (int j = 0; j < fit.modelIds().size(); j++) {
      CrossModelCalibration.Coefficients c = fit.calibration().coefficients().get(j);
      LOG.info("trainPredictor: {} cross-model stage on {} test rows: {} + {} logit(own) + {} mean logit(all);"
          + " Brier {} -> {} (out of fold)", fit.modelIds().get(j), fit.rows()[j], f(c.intercept()), f(c.own()),
          f(c.meanLogit()), f(fit.brierBefore()[j]), f(fit.brierAfter()[j]));
    }
  }

  /** The rows with their scores array cut down to the given models, in that order. */
  private static Dataset<Row> forModels(Dataset<Row> rows, List<String> all, List<String> keep) {
    Column[] scores = keep.stream().map(id -> element_at(col(PredictorColumns.SCORES), all.indexOf(id) + 1))
        .toArray(Column[]::new);
    return rows.withColumn(PredictorColumns.SCORES, org.apache.spark.sql.functions.array(scores)).drop("_test");
  }

  /** {labelled queries, train rows, test rows, missing cells}; fills per-model labelled train rows. */
  private static long[] counts(Dataset<Row> rows, int m, long[] perModelTrain) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(sum(when(col("_test"), 0L).otherwise(1L)));
    aggs.add(sum(when(col("_test"), 1L).otherwise(0L)));
    Column missing = lit(0L);
    for (int j = 0; j < m; j++) {
      Column cell = element_at(col(PredictorColumns.SCORES), j + 1);
      missing = missing.plus(when(cell.isNull(), 1L).otherwise(0L));
      aggs.add(sum(when(cell.isNotNull().and(col("_test").equalTo(false)), 1L).otherwise(0L)));
    }
    aggs.add(sum(missing));
    Row r = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    long train = r.isNullAt(0) ? 0 : r.getLong(0);
    long test = r.isNullAt(1) ? 0 : r.getLong(1);
    for (int j = 0; j < m; j++) {
      perModelTrain[j] = r.isNullAt(2 + j) ? 0 : r.getLong(2 + j);
    }
    long missingCells = r.isNullAt(2 + m) ? 0 : r.getLong(2 + m);
    return new long[] {train + test, train, test, missingCells};
  }

  private static String f(double v) {
    return String.format(java.util.Locale.ROOT, "%.3f", v);
  }
}
