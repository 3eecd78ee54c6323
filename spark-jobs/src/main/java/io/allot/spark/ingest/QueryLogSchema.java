package io.allot.spark.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import io.allot.spark.ingest.QueryRecord.SmallModelOutput;
import io.allot.spark.ingest.QueryRecord.TopToken;
import io.allot.spark.ingest.FirstTokenMargin;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The validated query log ({@code <out>/valid}). The small model's margin and mean token logprob
 * are computed here, at ingest, because they depend only on the record itself: every later step
 * (scoring, cascade thresholds, predictor training) then reads one number instead of re-deriving
 * it from the top-k list.
 */
public final class QueryLogSchema {
  public static final String LINE = "line";
  public static final String QUERY_ID = "query_id";
  public static final String TENANT = "tenant";
  public static final String TASK = "task";
  public static final String TEXT = "text";
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String EXPECTED_OUTPUT_TOKENS = "expected_output_tokens";
  public static final String SMALL_MODEL_ID = "small_model_id";
  public static final String SMALL_OUTPUT = "small_output";
  public static final String FIRST_TOKEN_TOKENS = "first_token_tokens";
  public static final String FIRST_TOKEN_LOGPROBS = "first_token_logprobs";
  public static final String TOKEN_LOGPROBS = "token_logprobs";
  public static final String EMBEDDING = "embedding";
  public static final String CREATED_AT = "created_at";
  public static final String MARGIN = "margin";
  public static final String MEAN_LOGPROB = "mean_logprob";
  public static final String SOURCE_FILE = "source_file";
  public static final String NIGHT = InputRecordSchema.NIGHT;
  /**
   * What identifies a history query: query_id is unique within a night only, so the same id on
   * two nights is two queries, and an outcome labels the query of its own night.
   */
  public static final String[] HISTORY_KEY = {NIGHT, QUERY_ID};

  public static final StructType VALID = new StructType()
      .add(LINE, LongType, false)
      .add(QUERY_ID, StringType, false)
      .add(TENANT, StringType, false)
      .add(TASK, StringType, false)
      .add(TEXT, StringType, false)
      .add(PROMPT_TOKENS, LongType, false)
      .add(EXPECTED_OUTPUT_TOKENS, LongType, false)
      .add(SMALL_MODEL_ID, StringType, true)
      .add(SMALL_OUTPUT, StringType, true)
      .add(FIRST_TOKEN_TOKENS, createArrayType(StringType, false), true)
      .add(FIRST_TOKEN_LOGPROBS, createArrayType(DoubleType, false), true)
      .add(TOKEN_LOGPROBS, createArrayType(DoubleType, false), true)
      .add(EMBEDDING, createArrayType(DoubleType, false), true)
      .add(CREATED_AT, TimestampType, false)
      .add(MARGIN, DoubleType, true)
      .add(MEAN_LOGPROB, DoubleType, true)
      .add(SOURCE_FILE, StringType, false)
      .add(NIGHT, StringType, false);

  public static final String[] VALID_COLUMNS = VALID.fieldNames();

  /** The valid columns as the ingest's rows hold them before writing: VALID, every column nullable. */
  static final StructType VALID_AS_STAGED =
      new StructType(Arrays.stream(VALID.fields()).map(QueryLogSchema::nullable).toArray(StructField[]::new));

  // Staging columns: validation output before the duplicate check splits valid from rejected.
  public static final String FILE_IDX = InputRecordSchema.FILE_IDX;
  public static final String RECORD_REF = InputRecordSchema.RECORD_REF;
  public static final String RAW = "raw";
  public static final String IS_VALID = "is_valid";
  public static final String REJECT_FIELD = "reject_field";
  public static final String REJECT_REASON = "reject_reason";

  /** VALID with every column nullable (rejected rows have no values) plus the staging columns. */
  public static final StructType STAGED = staged();

  private QueryLogSchema() {}

  private static StructType staged() {
    StructType s = new StructType(Arrays.stream(VALID.fields()).map(QueryLogSchema::nullable)
        .toArray(StructField[]::new));
    return s.add(FILE_IDX, IntegerType, false)
        .add(RECORD_REF, StringType, false)
        .add(RAW, StringType, true)
        .add(IS_VALID, BooleanType, false)
        .add(REJECT_FIELD, StringType, true)
        .add(REJECT_REASON, StringType, true);
  }

  private static StructField nullable(StructField f) {
    return new StructField(f.name(), f.dataType(), true, f.metadata());
  }

  /** Values of a VALID row, in VALID's column order. */
  public static Object[] validValues(QueryRecord r, long line, String sourceFile, String night) {
    SmallModelOutput s = r.smallModel();
    String[] tokens = null;
    double[] logprobs = null;
    if (s != null) {
      List<TopToken> top = s.firstTokenTop();
      tokens = new String[top.size()];
      logprobs = new double[top.size()];
      for (int i = 0; i < tokens.length; i++) {
        tokens[i] = top.get(i).token();
        logprobs[i] = top.get(i).logprob();
      }
    }
    double[] tokenLps = s == null ? null : s.tokenLogprobs();
    return new Object[] {
        line, r.queryId(), r.tenant(), r.task(), r.text(), r.promptTokens(), r.expectedOutputTokens(),
        s == null ? null : s.modelId(),
        s == null ? null : s.output(),
        // Spark's Row encoder takes Java arrays (not java.util.List) for array columns.
        tokens, logprobs,
        tokenLps, r.embedding(),
        Timestamp.from(r.createdAt()),
        tokens == null ? null : FirstTokenMargin.margin(tokens, logprobs),
        FirstTokenMargin.meanLogprob(tokenLps),
        sourceFile, night};
  }
}
