package io.allot.spark.ingest;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * One input record before validation: its JSON text and where it came from. JSONL lines and
 * Parquet rows (converted to JSON) both arrive in this shape, so one validator serves both.
 */
public final class InputRecordSchema {
  /** Position of the file in the sorted input file list; orders records across files. */
  public static final String FILE_IDX = "file_idx";
  public static final String SOURCE_FILE = "source_file";
  /** 1-based line (JSONL) or row (Parquet) number within the file. */
  public static final String POS = "pos";
  /** Human reference such as "line 3" or "night-2.jsonl line 3". */
  public static final String RECORD_REF = "record_ref";
  public static final String JSON = "json";
  /** The file's night partition ({@code date=YYYY-MM-DD}), "" outside one ({@link InputFiles.InputFile#night}). */
  public static final String NIGHT = "night";

  public static final StructType SCHEMA = new StructType()
      .add(FILE_IDX, IntegerType, false)
      .add(SOURCE_FILE, StringType, false)
      .add(POS, LongType, false)
      .add(RECORD_REF, StringType, false)
      .add(JSON, StringType, true)
      .add(NIGHT, StringType, false);

  private InputRecordSchema() {}
}
