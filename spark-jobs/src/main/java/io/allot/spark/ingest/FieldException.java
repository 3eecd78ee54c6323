package io.allot.spark.ingest;

/** Thrown inside validators to abort at the first bad field; converted to a rejection there. */
final class FieldException extends RuntimeException {
  final String field;

  FieldException(String field, String reason) {
    super(reason, null, false, false);
    this.field = field;
  }
}
