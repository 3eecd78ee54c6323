package io.allot.spark.score;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * What a quality estimator learns from: one row per used outcome, joined with its history
 * query's features. Columns are added here as estimators need them (text, embedding, ...); the
 * cost columns are {@link CostCalibration}'s, so that it needs no join of its own.
 */
public final class LabelledSchema {
  public static final String QUERY_ID = "query_id";
  public static final String TASK = "task";
  public static final String MARGIN = "margin";
  public static final String MEAN_LOGPROB = "mean_logprob";
  public static final String MODEL_ID = "model_id";
  public static final String SCORE = "score";
  /** The outcome's realised cost (null where the outcome has none) and what the estimate is made of. */
  public static final String COST_USD = "cost_usd";
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String EXPECTED_OUTPUT_TOKENS = "expected_output_tokens";

  public static final StructType SCHEMA = new StructType()
      .add(QUERY_ID, StringType, false)
      .add(TASK, StringType, false)
      .add(MARGIN, DoubleType, true)
      .add(MEAN_LOGPROB, DoubleType, true)
      .add(MODEL_ID, StringType, false)
      .add(SCORE, DoubleType, false)
      .add(COST_USD, DoubleType, true)
      .add(PROMPT_TOKENS, LongType, false)
      .add(EXPECTED_OUTPUT_TOKENS, LongType, false);

  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private LabelledSchema() {}
}
