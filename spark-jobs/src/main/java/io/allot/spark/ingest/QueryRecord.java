package io.allot.spark.ingest;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One validated query-log record (the data contract in the README, "Data formats"). Arrays are null when the
 * optional field was absent, never empty.
 */
public record QueryRecord(
    String queryId,
    String tenant,
    String task,
    String text,
    long promptTokens,
    long expectedOutputTokens,
    SmallModelOutput smallModel,
    double[] embedding,
    Instant createdAt) implements Serializable {

  /** The small first-tier model's answer and its log-probabilities; the source of the margin. */
  public record SmallModelOutput(
      String modelId,
      String output,
      List<TopToken> firstTokenTop,
      double[] tokenLogprobs) implements Serializable {}

  /** One entry of the small model's top-k list for its first generated token. */
  public record TopToken(String token, double logprob) implements Serializable {}
}
