package io.allot.spark.score;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * The solver's input ({@code <out>/scored}), one row per query, sorted by query_id. QUALITY and
 * COST_USD have one entry per catalog model, in catalog order (the option index).
 */
public final class ScoredSchema {
  public static final String QUERY_ID = "query_id";
  public static final String TENANT = "tenant";
  public static final String TASK = "task";
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String EXPECTED_OUTPUT_TOKENS = "expected_output_tokens";
  public static final String MARGIN = "margin";
  public static final String MEAN_LOGPROB = "mean_logprob";
  public static final String QUALITY = "quality";
  public static final String COST_USD = "cost_usd";

  public static final ArrayType PER_MODEL = createArrayType(DoubleType, false);

  public static final StructType SCHEMA = new StructType()
      .add(QUERY_ID, StringType, false)
      .add(TENANT, StringType, false)
      .add(TASK, StringType, false)
      .add(PROMPT_TOKENS, LongType, false)
      .add(EXPECTED_OUTPUT_TOKENS, LongType, false)
      .add(MARGIN, DoubleType, true)
      .add(MEAN_LOGPROB, DoubleType, true)
      .add(QUALITY, PER_MODEL, false)
      .add(COST_USD, PER_MODEL, false);

  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private ScoredSchema() {}
}
