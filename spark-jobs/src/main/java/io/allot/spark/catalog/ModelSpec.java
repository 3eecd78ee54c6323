package io.allot.spark.catalog;

import java.io.Serializable;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** One LLM of the catalog (conf/models.yml). Prices are USD per 1000 tokens. */
public record ModelSpec(
    String id,
    Kind kind,
    double pricePer1kInput,
    double pricePer1kOutput,
    Long capacityQueries,
    Long capacityTokens,
    int latencyMs,
    boolean smallTier,
    Double priorQuality) implements Serializable {

  public enum Kind { API, LOCAL }

  /** Dollar cost of one call with the given prompt and output token counts. */
  public double costUsd(long promptTokens, long outputTokens) {
    return promptTokens / 1000.0 * pricePer1kInput + outputTokens / 1000.0 * pricePer1kOutput;
  }

  public OptionalLong queryCapacity() {
    return capacityQueries == null ? OptionalLong.empty() : OptionalLong.of(capacityQueries);
  }

  public OptionalLong tokenCapacity() {
    return capacityTokens == null ? OptionalLong.empty() : OptionalLong.of(capacityTokens);
  }

  public OptionalDouble prior() {
    return priorQuality == null ? OptionalDouble.empty() : OptionalDouble.of(priorQuality);
  }
}
