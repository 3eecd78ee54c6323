package io.allot.spark.ingest;

import java.io.Serializable;

/**
 * Outcome of validating one input record: either the parsed value or a rejection that names the
 * field and says what was wrong with its value. Validators return this instead of throwing so
 * that a bad record never surfaces as a stack trace.
 */
public sealed interface ValidationResult<T> extends Serializable {

  record Valid<T>(T value) implements ValidationResult<T> {}

  /**
   * @param queryId the record's query_id when it could be read, for the rejected table
   * @param field the offending field (dotted path, e.g. small_model.model_id), null when the
   *     record as a whole is unusable (malformed JSON)
   */
  record Rejected<T>(String queryId, String field, String reason) implements ValidationResult<T> {}

  default boolean isValid() {
    return this instanceof Valid<T>;
  }
}
