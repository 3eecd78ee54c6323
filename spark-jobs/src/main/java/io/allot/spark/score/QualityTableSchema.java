package io.allot.spark.score;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * Report tables of the quality estimate: {@code <out>/quality_table} (what each model scored and
 * what was estimated) and {@code <out>/margin_bins} (the small model's margin deciles).
 */
public final class QualityTableSchema {
  /** Null on the rows that pool all tasks (the model's global mean). */
  public static final String TASK = "task";
  public static final String MODEL_ID = "model_id";
  /** Null except on the small-tier model's per-margin-bin rows. */
  public static final String MARGIN_BIN = "margin_bin";
  /** Number of labelled outcomes behind the row. */
  public static final String N = "n";
  /** Raw mean score; null when n = 0. */
  public static final String MEAN_SCORE = "mean_score";
  /** The smoothed estimate the scorer uses. */
  public static final String ESTIMATE = "estimate";

  public static final StructType SCHEMA = new StructType()
      .add(TASK, StringType, true)
      .add(MODEL_ID, StringType, false)
      .add(MARGIN_BIN, IntegerType, true)
      .add(N, LongType, false)
      .add(MEAN_SCORE, DoubleType, true)
      .add(ESTIMATE, DoubleType, false);

  public static final String BIN = "bin";
  /** Exclusive lower edge; null for the first bin. */
  public static final String LOWER = "lower";
  /** Inclusive upper edge; null for the last bin. */
  public static final String UPPER = "upper";

  public static final StructType MARGIN_BINS = new StructType()
      .add(BIN, IntegerType, false)
      .add(LOWER, DoubleType, true)
      .add(UPPER, DoubleType, true);

  private QualityTableSchema() {}
}
