package io.allot.generate;

/**
 * The invalid query-log records the generator can inject so that validation has something to
 * reject. Each bad line has exactly one defect, and never gets outcome rows.
 */
public enum BadRecordKind {
  /** The line is cut off inside the text string. */
  MALFORMED_JSON("malformed_json"),
  /** prompt_tokens is negated. */
  NEGATIVE_PROMPT_TOKENS("negative_prompt_tokens"),
  /** The last first_token_top_logprobs entry is a bare NaN token, as Python's json module writes it. */
  NAN_LOGPROB("nan_logprob"),
  /** The top first-token logprob is positive. */
  POSITIVE_LOGPROB("positive_logprob"),
  /** The query_id field is absent. */
  MISSING_QUERY_ID("missing_query_id"),
  /** The query_id repeats the most recent valid record's id; the earlier line is the genuine one. */
  DUPLICATE_QUERY_ID("duplicate_query_id"),
  /** small_model.model_id names a model that is not in the catalog. */
  UNKNOWN_SMALL_MODEL("unknown_small_model");

  private final String label;

  BadRecordKind(String label) {
    this.label = label;
  }

  /** The snake_case name used in generator.json. */
  public String label() {
    return label;
  }
}
