package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.TestCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The streaming parser may only accept what the tree validator accepts, with the same values; it
 * should accept the ordinary record outright (else it saves nothing).
 */
class StreamingRecordParserTest {
  private final QueryRecordValidator tree = new QueryRecordValidator(TestCatalog.threeModels());
  private final StreamingRecordParser streaming = new StreamingRecordParser(TestCatalog.threeModels());

  private static ObjectNode small(ObjectNode r) {
    return (ObjectNode) r.get("small_model");
  }

  private static String changed(Consumer<ObjectNode> change) {
    ObjectNode r = Records.query();
    change.accept(r);
    return r.toString();
  }

  /** Records the tree validator rejects, each for another rule, and odd records it accepts. */
  private static List<String> variants() {
    List<String> v = new ArrayList<>();
    String good = Records.query().toString();
    v.add(good);
    v.add("");
    v.add("   ");
    v.add("{not json");
    v.add("[1,2]");
    v.add("42");
    v.add("null");
    v.add(good.substring(0, good.length() - 1));
    v.add(good + " trailing");
    v.add(good + "{}");
    v.add("\uFEFF" + good);
    v.add(good.replace("\"tenant\"", "\"query_id\":\"again\",\"tenant\""));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.05,\"logprob\":-0.05"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.05,\"x\":1,\"x\":2"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.05,\"x\":1,\"y\":2"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.05,\"query_id\":1"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.05,\"token\":\"again\""));
    v.add(good.replace("\"model_id\"", "\"output\":\"o\",\"model_id\""));
    v.add(good.replace("\"model_id\"", "\"extra\":3,\"extra\":4,\"model_id\""));
    v.add(good.replace("\"model_id\"", "\"extra\":{\"a\":1,\"a\":2},\"model_id\""));
    v.add(good.replace("\"model_id\"", "\"extra\":{\"a\":1,\"b\":2},\"model_id\""));
    v.add(good.replace("\"query_id\"", "\"u\":1,\"v\":null,\"u\":true,\"query_id\""));
    v.add(good.replace("\"query_id\"", "\"u\":1,\"v\":null,\"w\":\"s\",\"query_id\""));
    v.add(good.replace("\"query_id\"", "\"u\":[{\"a\":1,\"a\":1}],\"query_id\""));
    v.add(good.replace("\"query_id\"", "\"embedding\":null,\"query_id\""));
    v.add(good.replace("[-0.05,-0.31]", "[NaN,-0.31]"));
    v.add(good.replace("[0.01,-0.2]", "[0.01,Infinity]"));
    v.add(good.replace("[0.01,-0.2]", "[0.01,-Infinity]"));
    v.add(good.replace("[0.01,-0.2]", "[1e400,-0.2]"));
    v.add(good.replace("[0.01,-0.2]", "[1,-2]"));
    v.add(good.replace("[0.01,-0.2]", "[123456789012345678901234567890,-2]"));
    for (String hard : new String[] {"0.30000000000000004441", "1.7976931348623157e308", "4.9e-324", "2.4703282292062328e-324",
        "2.2250738585072011e-308", "-0.1234567890123456789012345", "-9007199254740993", "-1E-5", "-0.5e+1", "-123456789e-20"}) {
      v.add(good.replace("[-0.05,-0.31]", "[" + hard + ",-0.31]"));
      v.add(good.replace("[0.01,-0.2]", "[" + hard.substring(1) + ",-0.2]"));
    }
    v.add(good.replace("\"prompt_tokens\":812", "\"prompt_tokens\":812.0"));
    v.add(good.replace("\"prompt_tokens\":812", "\"prompt_tokens\":8e2"));
    v.add(good.replace("\"prompt_tokens\":812", "\"prompt_tokens\":99999999999999999999999"));
    v.add(good.replace("\"prompt_tokens\":812", "\"prompt_tokens\":null"));
    v.add(good.replace("\"prompt_tokens\":812", "\"prompt_tokens\":-0"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":0"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":-0.0"));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":\"NaN\""));
    v.add(good.replace("\"logprob\":-0.05", "\"logprob\":null"));
    v.add(good.replace("\"token\":\"Yes\"", "\"token\":\"\""));
    v.add(good.replace("\"token\":\"Yes\"", "\"token\":null"));
    v.add(good.replace("\"token\":\"Yes\"", "\"token\":7"));
    v.add(good.replace("\"token\":\"Yes\"", "\"token\":\"Yes\",\"extra\":{\"a\":[1,{\"b\":2}]}"));
    v.add(good.replace("\"query_id\"", "\"unknown\":[1,{\"x\":null}],\"query_id\""));
    v.add(good.replace("\"query_id\"", "\"unknown\":[1,{\"x\":nul}],\"query_id\""));
    v.add(good.replace("\"created_at\":\"2026-11-20T23:59:00Z\"", "\"created_at\":\" 2026-11-20T23:59:00+01:00 \""));
    v.add(good.replace("\"created_at\":\"2026-11-20T23:59:00Z\"", "\"created_at\":\"1500-02-28T10:00:00.123456Z\""));
    v.add(good.replace("\"created_at\":\"2026-11-20T23:59:00Z\"", "\"created_at\":\"0001-01-01T00:00:00Z\""));
    v.add(good.replace("\"created_at\":\"2026-11-20T23:59:00Z\"", "\"created_at\":\"+300000-01-01T00:00:00Z\""));
    v.add(good.replace("\"created_at\":\"2026-11-20T23:59:00Z\"", "\"created_at\":1234"));
    v.add(good.replace("\"text\":\"Is it spam?\"", "\"text\":\"caf\u00e9 \\u00e9 \\\" \\n \\ud83d\\ude00\""));
    v.add(good.replace("\"text\":\"Is it spam?\"", "\"text\":\"a\u0001b\""));
    v.add(good.replace("\"text\":\"Is it spam?\"", "\"text\":\"\u00a0\""));
    v.add(good.replace("\"text\":\"Is it spam?\"", "\"text\":\"\u2003\""));
    v.add(good.replace("\"text\":\"Is it spam?\"", "\"text\":\"nul \\u0000 inside\""));
    v.add(changed(r -> r.put("query_id", "q-\u0000-1")));
    v.add(changed(r -> r.put("query_id", "q".repeat(256))));
    v.add(changed(r -> r.put("query_id", "q".repeat(257))));
    v.add(changed(r -> r.put("tenant", "  ")));
    v.add(changed(r -> r.put("task", 7)));
    v.add(changed(r -> r.remove("text")));
    v.add(changed(r -> r.put("expected_output_tokens", 0)));
    v.add(changed(r -> r.put("expected_output_tokens", 100_000_000L)));
    v.add(changed(r -> r.put("expected_output_tokens", 100_000_001L)));
    v.add(changed(r -> r.put("prompt_tokens", 0)));
    v.add(changed(r -> r.put("prompt_tokens", "812")));
    v.add(changed(r -> r.remove("small_model")));
    v.add(changed(r -> r.putNull("small_model")));
    v.add(changed(r -> r.put("small_model", "llama")));
    v.add(changed(r -> small(r).put("model_id", "gpt-9")));
    v.add(changed(r -> small(r).put("model_id", TestCatalog.BIG)));
    v.add(changed(r -> small(r).remove("model_id")));
    v.add(changed(r -> small(r).remove("output")));
    v.add(changed(r -> small(r).putNull("output")));
    v.add(changed(r -> small(r).put("output", 3)));
    v.add(changed(r -> small(r).remove("first_token_top_logprobs")));
    v.add(changed(r -> small(r).putArray("first_token_top_logprobs")));
    v.add(changed(r -> small(r).putArray("first_token_top_logprobs").add(1)));
    v.add(changed(r -> small(r).remove("token_logprobs")));
    v.add(changed(r -> small(r).putNull("token_logprobs")));
    v.add(changed(r -> small(r).putArray("token_logprobs")));
    v.add(changed(r -> ((ArrayNode) small(r).get("token_logprobs")).set(1, 0.5)));
    v.add(changed(r -> small(r).put("token_logprobs", "x")));
    v.add(changed(r -> r.remove("embedding")));
    v.add(changed(r -> r.putNull("embedding")));
    v.add(changed(r -> r.putArray("embedding")));
    v.add(changed(r -> r.put("embedding", "0.1,0.2")));
    v.add(changed(r -> ((ArrayNode) r.get("embedding")).add("0.3")));
    v.add(changed(r -> r.put("text", "x".repeat(JsonFields.MAX_RECORD_CHARS))));
    return v;
  }

  @Test
  void acceptsOnlyWhatTheTreeValidatorAcceptsWithTheSameValues() {
    int accepted = 0;
    for (String json : variants()) {
      QueryRecord fast = streaming.parse(json.getBytes(StandardCharsets.UTF_8), 0,
          json.getBytes(StandardCharsets.UTF_8).length);
      QueryRecord fromText = streaming.parse(json);
      ValidationResult<QueryRecord> slow = tree.validate(json);
      for (QueryRecord q : new QueryRecord[] {fast, fromText}) {
        if (q != null) {
          accepted++;
          assertSame(assertInstanceOf(ValidationResult.Valid.class, slow, json).value(), q, json);
        }
      }
    }
    // The good record and its harmless variants (unknown fields, optional parts absent, ...).
    assertEquals(true, accepted > 20, "accepted " + accepted);
  }

  @Test
  void acceptsRandomGoodRecordsOutright() {
    Random rnd = new Random(7);
    for (int i = 0; i < 500; i++) {
      ObjectNode r = Records.query().put("query_id", "q-" + i).put("prompt_tokens", 1 + rnd.nextInt(100_000))
          .put("text", "t" + rnd.nextLong());
      ArrayNode emb = r.putArray("embedding");
      for (int k = 0; k < 1 + rnd.nextInt(64); k++) {
        emb.add(rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20));
      }
      // Many digits and exponents, as a producer might write them.
      emb.add(new java.math.BigDecimal(rnd.nextGaussian()).round(new java.math.MathContext(1 + rnd.nextInt(25))));
      ArrayNode lps = small(r).putArray("token_logprobs");
      for (int k = 0; k < rnd.nextInt(20); k++) {
        lps.add(-rnd.nextDouble() * 5);
      }
      String json = r.toString();
      byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
      QueryRecord q = streaming.parse(b, 2, b.length - 4);
      assertNotNull(q, json);
      assertSame((QueryRecord) ((ValidationResult.Valid<?>) tree.validate(json)).value(), q, json);
    }
  }

  @Test
  void withoutASmallTierModelEveryRecordGoesToTheTreeValidator() {
    StreamingRecordParser none = new StreamingRecordParser(new io.allot.spark.catalog.ModelCatalog(
        TestCatalog.threeModels().models().stream().filter(m -> !m.smallTier()).toList()));
    assertNull(none.parse(Records.query().toString()));
  }

  @Test
  void instantsReadAsInstantParseReadsThem() {
    Random rnd = new Random(5);
    List<String> texts = new ArrayList<>(List.of("2026-11-20T23:59:00Z", "2024-02-29T12:00:00Z", "2026-02-29T12:00:00Z",
        "2026-04-31T00:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20T23:60:00Z", "2026-11-20T23:59:60Z",
        "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-20t23:59:00Z", "2026-11-20T23:59:00z",
        "20a6-11-20T23:59:00Z", "2026-11-20T23:59:00.5Z", "2026-11-20T23:59:00+01:00", "+2026-11-20T23:59:0Z"));
    for (int i = 0; i < 2000; i++) {
      texts.add(String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02dZ", rnd.nextInt(10_000),
          rnd.nextInt(14), rnd.nextInt(33), rnd.nextInt(26), rnd.nextInt(62), rnd.nextInt(62)));
    }
    for (String t : texts) {
      String expected;
      try {
        expected = java.time.Instant.parse(t).toString();
      } catch (java.time.format.DateTimeParseException e) {
        expected = "refused";
      }
      String got;
      try {
        got = JsonFields.parseInstant(t).toString();
      } catch (java.time.format.DateTimeParseException e) {
        got = "refused";
      }
      assertEquals(expected, got, t);
    }
  }

  @Test
  void survivesSerialisation() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(streaming);
    }
    StreamingRecordParser copy = (StreamingRecordParser) new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertNotNull(copy.parse(Records.query().toString()));
  }

  private static void assertSame(Object expected, QueryRecord actual, String json) {
    QueryRecord e = (QueryRecord) expected;
    assertEquals(e.queryId(), actual.queryId(), json);
    assertEquals(e.tenant(), actual.tenant(), json);
    assertEquals(e.task(), actual.task(), json);
    assertEquals(e.text(), actual.text(), json);
    assertEquals(e.promptTokens(), actual.promptTokens(), json);
    assertEquals(e.expectedOutputTokens(), actual.expectedOutputTokens(), json);
    assertArrayEquals(e.embedding(), actual.embedding(), json);
    assertEquals(e.createdAt(), actual.createdAt(), json);
    if (e.smallModel() == null) {
      assertNull(actual.smallModel(), json);
      return;
    }
    assertEquals(e.smallModel().modelId(), actual.smallModel().modelId(), json);
    assertEquals(e.smallModel().output(), actual.smallModel().output(), json);
    assertEquals(e.smallModel().firstTokenTop(), actual.smallModel().firstTokenTop(), json);
    assertArrayEquals(e.smallModel().tokenLogprobs(), actual.smallModel().tokenLogprobs(), json);
  }
}
