package io.allot.spark.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.spark.catalog.ModelCatalog;
import java.io.Serializable;
import java.time.Instant;

/**
 * Validates one outcome record. A missing or empty score is rejected, never read as 0: a
 * silent zero would teach the estimator that the model was wrong when nobody judged it.
 * Whether the query_id exists in the history is checked later, against the whole history.
 */
public final class OutcomeValidator implements Serializable {
  private static final long serialVersionUID = 1L;
  /** An answer longer than this is rejected: answers are held in memory per history query and model. */
  public static final int MAX_ANSWER_CHARS = 100_000;

  private final ModelCatalog catalog;
  private transient ObjectMapper mapper;

  public OutcomeValidator(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  public ValidationResult<OutcomeRecord> validate(String json) {
    String queryId = null;
    try {
      JsonNode obj = JsonFields.parseObject(mapper(), json);
      queryId = JsonFields.requiredId(obj, "query_id", "query_id");
      String modelId = JsonFields.requiredId(obj, "model_id", "model_id");
      if (!catalog.contains(modelId)) {
        throw new FieldException("model_id", "model_id " + JsonFields.quote(modelId)
            + " is not in the model catalog (known: " + String.join(", ", catalog.ids()) + ")");
      }
      String scoreRule = "must be a number in [0, 1]; a missing score is not read as 0";
      double score = JsonFields.finite(obj.get("score"), "score", 0, 1, scoreRule);
      Double cost = null;
      if (!JsonFields.absent(obj.get("cost_usd"))) {
        cost = JsonFields.finite(obj.get("cost_usd"), "cost_usd", 0, Double.MAX_VALUE, "must be a finite number >= 0");
      }
      Long latency = null;
      if (!JsonFields.absent(obj.get("latency_ms"))) {
        latency = JsonFields.requiredLong(obj, "latency_ms", "latency_ms", 0);
      }
      Instant observed = JsonFields.requiredInstant(obj, "observed_at", "observed_at");
      String answer = JsonFields.optionalString(obj, "answer", "answer");
      if (answer != null && answer.length() > MAX_ANSWER_CHARS) {
        throw new FieldException("answer", "answer is " + answer.length() + " characters long; must be at most "
            + MAX_ANSWER_CHARS);
      }
      return new ValidationResult.Valid<>(new OutcomeRecord(queryId, modelId, score, cost, latency, observed,
          answer));
    } catch (FieldException e) {
      return new ValidationResult.Rejected<>(queryId, e.field, e.getMessage());
    }
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = JsonFields.mapper();
    }
    return mapper;
  }
}
