package io.allot.spark.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.spark.ingest.InputFormat;
import io.allot.spark.ingest.InputFormatException;
import io.allot.spark.ingest.OutcomeReader;
import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogReader;
import io.allot.spark.ingest.QueryLogSchema;
import io.allot.spark.ingest.QueryRecordValidator;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of the nightly run: each of tonight's queries gets every model's predicted quality and
 * dollar cost, written to {@code <out>/scored} ({@link ScoredSchema}) sorted by query_id, so a
 * rerun hands the solver byte-for-byte the same rows. Quality is learned from labelled history:
 * earlier nights' query logs (validated like tonight's; invalid ones counted and skipped) joined
 * with their outcomes (invalid ones written to {@code <out>/rejected_outcomes}).
 */
public final class ScoringJob {
  public static final String SCORED_DIR = "scored";
  public static final String QUALITY_TABLE_DIR = "quality_table";
  public static final String MARGIN_BINS_DIR = "margin_bins";
  public static final String REJECTED_OUTCOMES_DIR = "rejected_outcomes";
  /** Each model's realised over estimated cost on the history ({@link CostCalibration#SCHEMA}). */
  public static final String COST_CALIBRATION_DIR = "cost_calibration";
  /**
   * The labelled history queries scored like tonight's (night, query_id, quality): what the solve
   * step fits its per-query escalation estimate on.
   */
  public static final String HISTORY_SCORED_DIR = "history_scored";

  private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

  /**
   * @param validDir IngestJob's {@code <out>/valid} for tonight
   * @param historyQueryLogs earlier nights' query logs (files or directories, JSONL or Parquet)
   * @param outcomeFiles outcome JSONL files or directories
   * @param predictorDir a saved trained predictor ({@link io.allot.spark.predict.PredictorStore}), or null
   *     for the smoothed per-task means ({@link SmoothedMeanEstimator})
   * @param predictorModels the models the predictor scores; the others keep their smoothed means
   */
  public record Params(String validDir, ModelCatalog catalog, List<String> historyQueryLogs,
      List<String> outcomeFiles, String outputDir, String predictorDir, List<String> predictorModels) {
    public Params {
      Objects.requireNonNull(validDir, "validDir");
      Objects.requireNonNull(catalog, "catalog");
      historyQueryLogs = List.copyOf(historyQueryLogs);
      outcomeFiles = List.copyOf(outcomeFiles);
      Objects.requireNonNull(outputDir, "outputDir");
      predictorModels = List.copyOf(predictorModels);
    }

    public Params(String validDir, ModelCatalog catalog, List<String> historyQueryLogs,
        List<String> outcomeFiles, String outputDir) {
      this(validDir, catalog, historyQueryLogs, outcomeFiles, outputDir, null, List.of());
    }

    /** How quality is learned: the trained predictor when there is one. */
    public QualityEstimator.Factory estimator() {
      return predictorDir == null ? SmoothedMeanEstimator::fit : PredictorEstimator.from(predictorDir, predictorModels);
    }
  }

  private ScoringJob() {}

  public static ScoringSummary run(SparkSession spark, Params p) {
    Dataset<Row> tonight = readTonight(spark, p.validDir());
    LOG.info("scoring: {} queries from {} against {} models", tonight.count(), p.validDir(), p.catalog().size());
    try (QueryLogReader.Result history = QueryLogReader.read(spark, p.historyQueryLogs(), InputFormat.AUTO,
        new QueryRecordValidator(p.catalog()))) {
      Dataset<Row> historyValid = history.valid().persist(StorageLevel.MEMORY_AND_DISK());
      long historyUsed = historyValid.count();
      long historyRejected = history.rejected().count();
      LOG.info("scoring: history has {} valid queries, {} rejected", historyUsed, historyRejected);
      try (OutcomeReader.Result outcomes = OutcomeReader.read(spark, p.outcomeFiles(), p.catalog(),
          historyValid)) {
        String rejectedDir = p.outputDir() + "/" + REJECTED_OUTCOMES_DIR;
        outcomes.rejected().write().mode(SaveMode.Overwrite).parquet(rejectedDir);
        Dataset<Row> labelled = labelled(outcomes.used(), historyValid).persist(StorageLevel.MEMORY_AND_DISK());
        long outcomesUsed = labelled.count();
        QualityEstimator estimator = p.estimator().fit(spark, labelled, p.catalog());
        CostCalibration costs = CostCalibration.fit(labelled, p.catalog());
        LOG.info("scoring: estimated costs times realised/estimated on the history: {}", costs);
        costs.table(spark).coalesce(1).write().mode(SaveMode.Overwrite)
            .parquet(p.outputDir() + "/" + COST_CALIBRATION_DIR);
        Dataset<Row> scored = estimator.withQuality(withCosts(tonight, p.catalog(), costs.ratios()))
            .select(columns(ScoredSchema.COLUMNS))
            .orderBy(ScoredSchema.QUERY_ID);
        String scoredDir = p.outputDir() + "/" + SCORED_DIR;
        scored.write().mode(SaveMode.Overwrite).parquet(scoredDir);
        // The labelled history queries get the same estimates as tonight's, so that what the solve
        // fits on them (how often a cascade escalates, given the estimates) holds for tonight.
        Dataset<Row> labelledQueries = historyValid.join(
            outcomes.used().select(OutcomeSchema.NIGHT, OutcomeSchema.QUERY_ID).distinct(),
            QueryLogSchema.HISTORY_KEY, "left_semi");
        estimator.withQuality(labelledQueries)
            .select(col(QueryLogSchema.NIGHT), col(QueryLogSchema.QUERY_ID), col(ScoredSchema.QUALITY))
            .orderBy(QueryLogSchema.NIGHT, QueryLogSchema.QUERY_ID)
            .write().mode(SaveMode.Overwrite).parquet(p.outputDir() + "/" + HISTORY_SCORED_DIR);
        estimator.qualityTable(spark).coalesce(1).write().mode(SaveMode.Overwrite)
            .parquet(p.outputDir() + "/" + QUALITY_TABLE_DIR);
        estimator.marginBins(spark).coalesce(1).write().mode(SaveMode.Overwrite)
            .parquet(p.outputDir() + "/" + MARGIN_BINS_DIR);
        labelled.unpersist();
        historyValid.unpersist();
        ScoringSummary summary = new ScoringSummary(spark.read().parquet(scoredDir).count(), historyUsed,
            historyRejected, outcomesUsed, spark.read().parquet(rejectedDir).count());
        LOG.info("scoring: {} rows scored to {}; {} outcomes used, {} rejected", summary.rowsScored(),
            scoredDir, summary.outcomesUsed(), summary.outcomesRejected());
        return summary;
      }
    }
  }

  /** Tonight's queries with the columns scoring needs, checked so a wrong folder fails clearly. */
  static Dataset<Row> readTonight(SparkSession spark, String validDir) {
    Dataset<Row> valid = spark.read().parquet(validDir);
    List<String> needed = List.of(ScoredSchema.QUERY_ID, ScoredSchema.TENANT, ScoredSchema.TASK,
        ScoredSchema.PROMPT_TOKENS, ScoredSchema.EXPECTED_OUTPUT_TOKENS, ScoredSchema.MARGIN,
        ScoredSchema.MEAN_LOGPROB);
    // The predictor also reads the text and the embedding; the final select drops them, so the
    // smoothed path never reads them from Parquet.
    List<String> optional = Arrays.stream(valid.columns())
        .filter(c -> c.equals(QueryLogSchema.TEXT) || c.equals(QueryLogSchema.EMBEDDING)).toList();
    Column[] cols = new Column[needed.size() + optional.size()];
    for (int i = 0; i < optional.size(); i++) {
      cols[needed.size() + i] = col(optional.get(i));
    }
    for (int i = 0; i < needed.size(); i++) {
      String name = needed.get(i);
      DataType want = ScoredSchema.SCHEMA.apply(name).dataType();
      StructField have = Arrays.stream(valid.schema().fields()).filter(f -> f.name().equals(name)).findFirst()
          .orElseThrow(() -> new InputFormatException(validDir + ": column '" + name
              + "' is missing; expected IngestJob's valid output"));
      if (!have.dataType().sameType(want)) {
        throw new InputFormatException(validDir + ": column '" + name + "' has type "
            + have.dataType().simpleString() + "; expected " + want.simpleString());
      }
      cols[i] = col(name);
    }
    return valid.select(cols);
  }

  /**
   * Used outcomes with their history query's features, in {@link LabelledSchema} columns; an
   * outcome joins the query of its own night ({@link QueryLogSchema#HISTORY_KEY}).
   */
  public static Dataset<Row> labelled(Dataset<Row> outcomes, Dataset<Row> historyValid) {
    Dataset<Row> q = historyValid.select(QueryLogSchema.NIGHT, QueryLogSchema.QUERY_ID, QueryLogSchema.TASK,
        QueryLogSchema.MARGIN, QueryLogSchema.MEAN_LOGPROB, QueryLogSchema.PROMPT_TOKENS,
        QueryLogSchema.EXPECTED_OUTPUT_TOKENS);
    return outcomes.select(OutcomeSchema.NIGHT, OutcomeSchema.QUERY_ID, OutcomeSchema.MODEL_ID, OutcomeSchema.SCORE,
            OutcomeSchema.COST_USD)
        .join(q, QueryLogSchema.HISTORY_KEY)
        .select(columns(LabelledSchema.COLUMNS));
  }

  /**
   * Adds COST_USD: ModelSpec.costUsd for every catalog model, in catalog order, times the model's
   * {@link CostCalibration} ratio.
   */
  static Dataset<Row> withCosts(Dataset<Row> queries, ModelCatalog catalog, double[] ratios) {
    List<ModelSpec> models = catalog.models();
    UserDefinedFunction cost = udf((UDF2<Long, Long, double[]>) (prompt, output) -> {
      double[] c = new double[models.size()];
      for (int j = 0; j < c.length; j++) {
        c[j] = models.get(j).costUsd(prompt, output) * ratios[j];
      }
      return c;
    }, ScoredSchema.PER_MODEL);
    return queries.withColumn(ScoredSchema.COST_USD,
        cost.apply(col(ScoredSchema.PROMPT_TOKENS), col(ScoredSchema.EXPECTED_OUTPUT_TOKENS)));
  }

  private static Column[] columns(String[] names) {
    return Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
