package io.allot.spark.predict;

/**
 * Column contract of the predictor's input rows. Only {@link #ID} and {@link #TEXT} are required;
 * {@link #SCORES} is needed for training and metrics; the other columns are optional features.
 */
public final class PredictorColumns {
  /** string, unique per row. */
  public static final String ID = "query_id";
  /** string: the query text, turned into hashed word 1-2-gram TF-IDF. */
  public static final String TEXT = "text";
  /** optional string: the query's task label, added to the text as one word. */
  public static final String TASK = "task";
  /** optional array&lt;double&gt;, one fixed length; a null row counts as all zeros. */
  public static final String EMBEDDING = "embedding";
  /** optional double: the small model's first-token margin; null where the log has none. */
  public static final String MARGIN = "margin";
  /** optional double: the small model's mean token logprob; null where the log has none. */
  public static final String MEAN_LOGPROB = "mean_logprob";
  /**
   * array&lt;double&gt; in model order: each model's score in [0,1] for this query, null where the
   * cell is missing. A score of 0.5 or more counts as a correct answer.
   */
  public static final String SCORES = "scores";
  /** Output: array&lt;double&gt; of calibrated P(correct) in model order. */
  public static final String QUALITY = "quality";
  /** Output: array&lt;double&gt; of the uncalibrated classifier probabilities, model order. */
  public static final String RAW_QUALITY = "raw_quality";

  /** Scores at or above this count as correct (0/1 correctness, or a judge score in [0,1]). */
  public static final double CORRECT_AT = 0.5;

  private PredictorColumns() {}
}
