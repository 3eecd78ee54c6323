package io.allot.spark.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON records of the data contracts, for tests. */
public final class Records {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Records() {}

  /** The README's example record ("Data formats"), with the test catalog's small model. */
  public static ObjectNode query() {
    ObjectNode r = JSON.createObjectNode();
    r.put("query_id", "q-1").put("tenant", "acme").put("task", "classify").put("text", "Is it spam?")
        .put("prompt_tokens", 812).put("expected_output_tokens", 12)
        .put("created_at", "2026-11-20T23:59:00Z");
    ObjectNode small = r.putObject("small_model");
    small.put("model_id", TestCatalog.SMALL).put("output", "Yes");
    ArrayNode top = small.putArray("first_token_top_logprobs");
    top.addObject().put("token", "Yes").put("logprob", -0.05);
    top.addObject().put("token", " yes").put("logprob", -2.9);
    top.addObject().put("token", "No").put("logprob", -3.1);
    small.putArray("token_logprobs").add(-0.05).add(-0.31);
    r.putArray("embedding").add(0.01).add(-0.2);
    return r;
  }

  /** A query whose first-token margin is exactly {@code margin} ("Yes" vs "No"). */
  public static ObjectNode query(String id, String task, double margin) {
    ObjectNode r = query().put("query_id", id).put("task", task);
    ArrayNode top = ((ObjectNode) r.get("small_model")).putArray("first_token_top_logprobs");
    top.addObject().put("token", "Yes").put("logprob", -0.01);
    top.addObject().put("token", "No").put("logprob", -0.01 - margin);
    return r;
  }

  public static ObjectNode outcome(String queryId, String modelId, double score) {
    return JSON.createObjectNode().put("query_id", queryId).put("model_id", modelId).put("score", score)
        .put("cost_usd", 0.0031).put("latency_ms", 820).put("observed_at", "2026-11-19T23:00:00Z");
  }
}
