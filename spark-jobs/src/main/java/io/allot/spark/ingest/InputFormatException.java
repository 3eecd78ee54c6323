package io.allot.spark.ingest;

/**
 * An input that cannot be read as a whole (missing path, unrecognised files, a Parquet column of
 * the wrong type). The message names the file and the column; record-level problems are not
 * thrown but written to the rejected table.
 */
public class InputFormatException extends RuntimeException {
  public InputFormatException(String message) {
    super(message);
  }
}
