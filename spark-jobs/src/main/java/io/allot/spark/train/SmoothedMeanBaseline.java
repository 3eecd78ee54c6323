package io.allot.spark.train;

import io.allot.spark.score.ScoredSchema;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.score.SmoothedMeanEstimator;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.OutcomeSchema;
import io.allot.spark.ingest.QueryLogSchema;
import io.allot.spark.predict.CalibrationMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The champion a trained predictor must beat: the score step's own estimate without one
 * ({@link SmoothedMeanEstimator}: smoothed per-task means, margin bins for the small model),
 * fitted on the training queries and measured on the same held-out queries as the predictor.
 */
public final class SmoothedMeanBaseline {
  private SmoothedMeanBaseline() {}

  /**
   * @param isTest true for a held-out query (an expression on query_id)
   * @return per model in {@code models}: AUC, Brier and ECE on the held-out outcomes
   */
  public static Map<String, CalibrationMetrics> measure(Dataset<Row> historyValid, Dataset<Row> usedOutcomes,
      Column isTest, ModelCatalog catalog, List<String> models) {
    Dataset<Row> trainLabelled = ScoringJob.labelled(usedOutcomes.filter(not(isTest)), historyValid);
    SmoothedMeanEstimator estimator = SmoothedMeanEstimator.fit(trainLabelled, catalog, SmoothedMeanEstimator.DEFAULT_ALPHA);
    Dataset<Row> testQueries = historyValid.filter(isTest)
        .select(col(QueryLogSchema.NIGHT), col(QueryLogSchema.QUERY_ID), col(QueryLogSchema.TASK),
            col(QueryLogSchema.MARGIN));
    List<Row> rows = estimator.withQuality(testQueries)
        .join(usedOutcomes.select(OutcomeSchema.NIGHT, OutcomeSchema.QUERY_ID, OutcomeSchema.MODEL_ID,
            OutcomeSchema.SCORE), QueryLogSchema.HISTORY_KEY)
        .select(col(OutcomeSchema.MODEL_ID), col(OutcomeSchema.SCORE), col(ScoredSchema.QUALITY))
        .collectAsList();
    Map<String, CalibrationMetrics> out = new LinkedHashMap<>();
    for (String model : models) {
      int idx = catalog.indexOf(model);
      List<double[]> kept = new ArrayList<>();
      for (Row r : rows) {
        if (r.getString(0).equals(model)) {
          kept.add(new double[] {((Number) r.getList(2).get(idx)).doubleValue(), r.getDouble(1)});
        }
      }
      double[] predicted = new double[kept.size()];
      double[] score = new double[kept.size()];
      for (int i = 0; i < kept.size(); i++) {
        predicted[i] = kept.get(i)[0];
        score[i] = kept.get(i)[1];
      }
      out.put(model, CalibrationMetrics.ofScores(predicted, score));
    }
    return out;
  }
}
