package io.allot.spark.ingest;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Timestamp;
import org.apache.spark.sql.types.StructType;

/** Validated outcomes, and the staging shape they pass through during validation. */
public final class OutcomeSchema {
  public static final String QUERY_ID = "query_id";
  public static final String MODEL_ID = "model_id";
  public static final String SCORE = "score";
  public static final String COST_USD = "cost_usd";
  public static final String LATENCY_MS = "latency_ms";
  public static final String OBSERVED_AT = "observed_at";
  /** The model's answer text, optional (null when the outcome has none). */
  public static final String ANSWER = "answer";
  public static final String RECORD_REF = InputRecordSchema.RECORD_REF;
  /** The outcome file's night: it labels the query of that night ({@link QueryLogSchema#HISTORY_KEY}). */
  public static final String NIGHT = InputRecordSchema.NIGHT;

  public static final StructType VALID = new StructType()
      .add(QUERY_ID, StringType, true)
      .add(MODEL_ID, StringType, true)
      .add(SCORE, DoubleType, true)
      .add(COST_USD, DoubleType, true)
      .add(LATENCY_MS, LongType, true)
      .add(OBSERVED_AT, TimestampType, true)
      .add(ANSWER, StringType, true)
      .add(RECORD_REF, StringType, false)
      .add(NIGHT, StringType, false);

  public static final String[] VALID_COLUMNS = VALID.fieldNames();

  public static final String FILE_IDX = InputRecordSchema.FILE_IDX;
  public static final String POS = InputRecordSchema.POS;
  public static final String RAW = "raw";
  public static final String IS_VALID = "is_valid";
  public static final String REJECT_FIELD = "reject_field";
  public static final String REJECT_REASON = "reject_reason";

  /** VALID (values null for rejected rows) plus the staging columns. */
  public static final StructType STAGED = VALID
      .add(FILE_IDX, IntegerType, false)
      .add(POS, LongType, false)
      .add(RAW, StringType, true)
      .add(IS_VALID, BooleanType, false)
      .add(REJECT_FIELD, StringType, true)
      .add(REJECT_REASON, StringType, true);

  private OutcomeSchema() {}

  /** Values of the VALID part of a row, in VALID's column order. */
  public static Object[] validValues(OutcomeRecord o, String recordRef, String night) {
    return new Object[] {o.queryId(), o.modelId(), o.score(), o.costUsd(), o.latencyMs(),
        Timestamp.from(o.observedAt()), o.answer(), recordRef, night};
  }
}
