package io.allot.spark.ingest;

import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/** Records that failed validation, from the query log or the outcomes; one reason per record. */
public final class RejectedSchema {
  public static final String SOURCE = "source";
  public static final String RECORD_REF = "record_ref";
  public static final String QUERY_ID = "query_id";
  public static final String FIELD = "field";
  public static final String REASON = "reason";
  public static final String RAW = "raw";

  /** Values of {@link #SOURCE}. */
  public static final String SOURCE_QUERY_LOG = "query_log";
  public static final String SOURCE_OUTCOMES = "outcomes";

  /** Rejected rows keep this much of the record so a human can see it without the input. */
  public static final int RAW_MAX_CHARS = 1000;

  public static final StructType SCHEMA = new StructType()
      .add(SOURCE, StringType, false)
      .add(RECORD_REF, StringType, false)
      .add(QUERY_ID, StringType, true)
      .add(FIELD, StringType, true)
      .add(REASON, StringType, false)
      .add(RAW, StringType, true);

  public static final String[] COLUMNS = SCHEMA.fieldNames();

  private RejectedSchema() {}

  public static String truncateRaw(String raw) {
    return raw == null || raw.length() <= RAW_MAX_CHARS ? raw : raw.substring(0, RAW_MAX_CHARS);
  }
}
