package io.allot.spark.score;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * What a quality estimator learns from: one row per used outcome, joined with its history
 * query's features. Columns are added here as estimators need them (text, embedding, ...).
 */
public final class LabelledSchema {
  public static final String QUERY_ID = "query_id";
  public static final String TASK = "task";
  public static final String MARGIN = "margin";
  public static final String MEAN_LOGPROB = "mean_logprob";
  public static final String MODEL_ID = "model_id";
  public static final String SCORE = "score";

  public static final StructType SCHEMA = new StructType()
      .add(QUERY_ID, StringType, false)
      .add(TASK, StringType, false)
      .add(MARGIN, DoubleType, true)
      .add(MEAN_LOGPROB, DoubleType, true)
      .add(MODEL_ID, StringType, false)
      .add(SCORE, DoubleType, false);

  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private LabelledSchema() {}
}
