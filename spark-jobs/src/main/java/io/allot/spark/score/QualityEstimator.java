package io.allot.spark.score;

import io.allot.spark.catalog.ModelCatalog;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Predicts each model's quality for each query. Dataset-in, dataset-out so that an MLlib
 * predictor (text features, embeddings) can replace the smoothed means without touching the job.
 */
public interface QualityEstimator {

  /**
   * Adds {@link ScoredSchema#QUALITY}: array<double> of catalog size, in catalog order, each in
   * [0,1]. Input rows have at least the columns of {@link ScoredSchema} before QUALITY.
   */
  Dataset<Row> withQuality(Dataset<Row> queries);

  /** {@link QualityTableSchema#SCHEMA} rows explaining the estimates, for the run report. */
  Dataset<Row> qualityTable(SparkSession spark);

  /** {@link QualityTableSchema#MARGIN_BINS} rows; empty when the estimator uses no bins. */
  Dataset<Row> marginBins(SparkSession spark);

  /** Fits an estimator from {@link LabelledSchema} rows. */
  @FunctionalInterface
  interface Factory {
    QualityEstimator fit(SparkSession spark, Dataset<Row> labelled, ModelCatalog catalog);
  }
}
