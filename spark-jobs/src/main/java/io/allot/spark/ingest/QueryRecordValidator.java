package io.allot.spark.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.spark.ingest.QueryRecord.SmallModelOutput;
import io.allot.spark.ingest.QueryRecord.TopToken;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates one query-log record (one JSON object) against the data contract. Stops at the first
 * bad field: one precise reason is more useful to the producer than a list of follow-on errors.
 * Unknown top-level fields are ignored so producers can add fields without breaking ingest.
 */
public final class QueryRecordValidator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String SMALL = "small_model";
  private static final String TOP = SMALL + ".first_token_top_logprobs";
  private static final String LOGPROB_RULE = "must be a finite number <= 0";

  private final ModelCatalog catalog;
  // ObjectMapper is rebuilt after deserialisation on executors rather than shipped.
  private transient ObjectMapper mapper;

  public QueryRecordValidator(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  public ValidationResult<QueryRecord> validate(String json) {
    String queryId = null;
    try {
      JsonNode obj = JsonFields.parseObject(mapper(), json);
      queryId = JsonFields.requiredId(obj, "query_id", "query_id");
      String tenant = JsonFields.requiredId(obj, "tenant", "tenant");
      String task = JsonFields.requiredId(obj, "task", "task");
      String text = JsonFields.requiredString(obj, "text", "text");
      long prompt = JsonFields.requiredLong(obj, "prompt_tokens", "prompt_tokens", 1, JsonFields.MAX_TOKENS);
      long output = JsonFields.requiredLong(obj, "expected_output_tokens", "expected_output_tokens", 0,
          JsonFields.MAX_TOKENS);
      SmallModelOutput small = smallModel(obj.get(SMALL));
      double[] embedding = JsonFields.optionalNumbers(obj, "embedding", "embedding",
          Double.POSITIVE_INFINITY, true);
      Instant created = JsonFields.requiredInstant(obj, "created_at", "created_at");
      return new ValidationResult.Valid<>(
          new QueryRecord(queryId, tenant, task, text, prompt, output, small, embedding, created));
    } catch (FieldException e) {
      return new ValidationResult.Rejected<>(queryId, e.field, e.getMessage());
    }
  }

  private SmallModelOutput smallModel(JsonNode v) {
    if (JsonFields.absent(v)) {
      return null;
    }
    if (!v.isObject()) {
      throw new FieldException(SMALL, SMALL + " is " + JsonFields.describe(v) + "; must be an object");
    }
    String modelId = JsonFields.requiredString(v, "model_id", SMALL + ".model_id");
    checkSmallTier(modelId);
    String output = JsonFields.optionalString(v, "output", SMALL + ".output");
    List<TopToken> top = topTokens(v.get("first_token_top_logprobs"));
    double[] tokenLogprobs = JsonFields.optionalNumbers(v, "token_logprobs", SMALL + ".token_logprobs", 0, false);
    return new SmallModelOutput(modelId, output, top, tokenLogprobs);
  }

  private void checkSmallTier(String modelId) {
    String field = SMALL + ".model_id";
    if (!catalog.contains(modelId)) {
      throw new FieldException(field, field + " " + JsonFields.quote(modelId)
          + " is not in the model catalog (known: " + String.join(", ", catalog.ids()) + ")");
    }
    String small = catalog.smallTierModel().map(ModelSpec::id).orElse(null);
    if (small == null) {
      throw new FieldException(field, field + " " + JsonFields.quote(modelId)
          + " cannot be used: no catalog model has small_tier: true");
    }
    if (!small.equals(modelId)) {
      throw new FieldException(field, field + " " + JsonFields.quote(modelId)
          + " is not the catalog's small-tier model '" + small + "'");
    }
  }

  private static List<TopToken> topTokens(JsonNode v) {
    if (JsonFields.absent(v)) {
      throw new FieldException(TOP, TOP + " is missing; must be a non-empty array of {token, logprob}");
    }
    if (!v.isArray() || v.isEmpty()) {
      throw new FieldException(TOP, TOP + " is " + JsonFields.describe(v)
          + "; must be a non-empty array of {token, logprob}");
    }
    List<TopToken> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      String at = TOP + "[" + i + "]";
      JsonNode e = v.get(i);
      if (!e.isObject()) {
        throw new FieldException(at, at + " is " + JsonFields.describe(e) + "; must be an object {token, logprob}");
      }
      JsonNode token = e.get("token");
      if (JsonFields.absent(token) || !token.isTextual()) {
        throw new FieldException(at + ".token", at + ".token is "
            + (JsonFields.absent(token) ? "missing" : JsonFields.describe(token)) + "; must be a string");
      }
      double lp = JsonFields.finite(e.get("logprob"), at + ".logprob", Double.NEGATIVE_INFINITY, 0, LOGPROB_RULE);
      out.add(new TopToken(token.asText(), lp));
    }
    return out;
  }

  private ObjectMapper mapper() {
    if (mapper == null) {
      mapper = JsonFields.mapper();
    }
    return mapper;
  }
}
