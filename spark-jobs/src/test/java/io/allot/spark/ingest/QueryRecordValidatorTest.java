package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.TestCatalog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class QueryRecordValidatorTest {
  private final QueryRecordValidator validator = new QueryRecordValidator(TestCatalog.threeModels());

  static ObjectNode goodRecord() {
    return Records.query();
  }

  private ValidationResult.Rejected<QueryRecord> rejected(String json) {
    return assertInstanceOf(ValidationResult.Rejected.class, validator.validate(json));
  }

  private ValidationResult.Rejected<QueryRecord> rejectedAfter(Consumer<ObjectNode> change) {
    ObjectNode r = goodRecord();
    change.accept(r);
    return rejected(r.toString());
  }

  private static ObjectNode small(ObjectNode r) {
    return (ObjectNode) r.get("small_model");
  }

  private static ObjectNode topEntry(ObjectNode r, int i) {
    return (ObjectNode) small(r).get("first_token_top_logprobs").get(i);
  }

  @Test
  void acceptsTheContractExample() {
    ValidationResult<QueryRecord> res = validator.validate(goodRecord().toString());
    QueryRecord q = assertInstanceOf(ValidationResult.Valid.class, res).value() instanceof QueryRecord x ? x : null;
    assertEquals("q-1", q.queryId());
    assertEquals(812, q.promptTokens());
    assertEquals(Instant.parse("2026-11-20T23:59:00Z"), q.createdAt());
    assertEquals(3, q.smallModel().firstTokenTop().size());
    assertArrayEquals(new double[] {0.01, -0.2}, q.embedding());
  }

  @Test
  void optionalPartsMayBeAbsentAndUnknownFieldsAreIgnored() {
    ObjectNode r = goodRecord();
    r.remove("small_model");
    r.remove("embedding");
    r.put("surprise", 42);
    QueryRecord q = (QueryRecord) ((ValidationResult.Valid<?>) validator.validate(r.toString())).value();
    assertNull(q.smallModel());
    assertNull(q.embedding());
  }

  @Test
  void malformedJson() {
    var r = rejected("{\"query_id\":\"q-1\",");
    assertNull(r.field());
    assertTrue(r.reason().startsWith("malformed JSON"), r.reason());
    assertFalse(r.reason().contains("\tat "), "no stack trace");
  }

  @Test
  void notAnObject() {
    assertEquals("the record is a JSON array, not an object", rejected("[1,2]").reason());
  }

  @Test
  void requiredStringsMissingBlankOrNotStrings() {
    for (String f : new String[] {"query_id", "tenant", "task", "text"}) {
      assertEquals(f + " is missing; must be a non-empty string", rejectedAfter(r -> r.remove(f)).reason());
      var blank = rejectedAfter(r -> r.put(f, "  "));
      assertEquals(f, blank.field());
      assertTrue(blank.reason().startsWith(f + " is \"  \""), blank.reason());
      assertEquals(f + " is 7; must be a non-empty string", rejectedAfter(r -> r.put(f, 7)).reason());
    }
  }

  @Test
  void rejectionKeepsTheQueryIdWhenKnown() {
    assertEquals("q-1", rejectedAfter(r -> r.remove("tenant")).queryId());
  }

  @Test
  void promptTokensMustBeAnIntegerOfAtLeastOne() {
    assertEquals("prompt_tokens is -5; must be an integer >= 1",
        rejectedAfter(r -> r.put("prompt_tokens", -5)).reason());
    assertEquals("prompt_tokens is 0; must be an integer >= 1",
        rejectedAfter(r -> r.put("prompt_tokens", 0)).reason());
    assertEquals("prompt_tokens is 8.5; must be an integer >= 1",
        rejectedAfter(r -> r.put("prompt_tokens", 8.5)).reason());
    assertEquals("prompt_tokens is \"812\" (a string); must be an integer >= 1",
        rejectedAfter(r -> r.put("prompt_tokens", "812")).reason());
    assertEquals("prompt_tokens is missing; must be an integer >= 1",
        rejectedAfter(r -> r.remove("prompt_tokens")).reason());
  }

  @Test
  void expectedOutputTokensMayBeZeroButNotNegative() {
    assertTrue(validator.validate(goodRecord().put("expected_output_tokens", 0).toString()).isValid());
    var r = rejectedAfter(x -> x.put("expected_output_tokens", -1));
    assertEquals("expected_output_tokens", r.field());
    assertEquals("expected_output_tokens is -1; must be an integer >= 0", r.reason());
    assertEquals("expected_output_tokens is missing; must be an integer >= 0",
        rejectedAfter(x -> x.remove("expected_output_tokens")).reason());
  }

  @Test
  void smallModelMustBeACatalogModel() {
    var r = rejectedAfter(x -> small(x).put("model_id", "gpt-9"));
    assertEquals("small_model.model_id", r.field());
    assertTrue(r.reason().startsWith("small_model.model_id 'gpt-9' is not in the model catalog"), r.reason());
  }

  @Test
  void smallModelMustBeTheSmallTierModel() {
    var r = rejectedAfter(x -> small(x).put("model_id", TestCatalog.BIG));
    assertEquals("small_model.model_id 'big' is not the catalog's small-tier model 'small-8b'", r.reason());
  }

  @Test
  void smallModelMustBeAnObject() {
    assertEquals("small_model", rejectedAfter(x -> x.put("small_model", "llama")).field());
  }

  @Test
  void topLogprobsMustBeANonEmptyArrayOfTokenLogprobPairs() {
    assertEquals("small_model.first_token_top_logprobs is missing; must be a non-empty array of {token, logprob}",
        rejectedAfter(x -> small(x).remove("first_token_top_logprobs")).reason());
    assertEquals("small_model.first_token_top_logprobs is [] (an array); must be a non-empty array of {token, logprob}",
        rejectedAfter(x -> small(x).putArray("first_token_top_logprobs")).reason());
    assertEquals("small_model.first_token_top_logprobs[1].token",
        rejectedAfter(x -> topEntry(x, 1).remove("token")).field());
    assertEquals("small_model.first_token_top_logprobs[2].logprob is \"low\" (a string); must be a finite number <= 0",
        rejectedAfter(x -> topEntry(x, 2).put("logprob", "low")).reason());
  }

  @Test
  void nanLogprobIsNamedNotMalformed() {
    String json = goodRecord().toString().replace("-2.9", "NaN");
    var r = rejected(json);
    assertEquals("small_model.first_token_top_logprobs[1].logprob", r.field());
    assertEquals("small_model.first_token_top_logprobs[1].logprob is NaN; must be a finite number <= 0", r.reason());
  }

  @Test
  void infiniteLogprobRejected() {
    String json = goodRecord().toString().replace("-3.1", "-Infinity");
    assertEquals("small_model.first_token_top_logprobs[2].logprob is -Infinity; must be a finite number <= 0",
        rejected(json).reason());
  }

  @Test
  void positiveLogprobRejected() {
    assertEquals("small_model.first_token_top_logprobs[0].logprob is 0.2; must be a finite number <= 0",
        rejectedAfter(x -> topEntry(x, 0).put("logprob", 0.2)).reason());
  }

  @Test
  void tokenLogprobsMustBeFiniteAndNotPositive() {
    assertTrue(validator.validate(withoutTokenLogprobs()).isValid());
    assertEquals("small_model.token_logprobs[1] is 0.5; must be a finite number <= 0",
        rejectedAfter(x -> ((ArrayNode) small(x).get("token_logprobs")).set(1, 0.5)).reason());
    assertEquals("small_model.token_logprobs[0] is NaN; must be a finite number <= 0",
        rejected(goodRecord().toString().replace("[-0.05,-0.31]", "[NaN,-0.31]")).reason());
  }

  private static String withoutTokenLogprobs() {
    ObjectNode r = goodRecord();
    small(r).remove("token_logprobs");
    return r.toString();
  }

  @Test
  void embeddingMustBeNonEmptyAndFinite() {
    assertEquals("embedding is [] (an array); must be a non-empty array of finite numbers",
        rejectedAfter(x -> x.putArray("embedding")).reason());
    assertEquals("embedding[1] is Infinity; must be a finite number",
        rejected(goodRecord().toString().replace("[0.01,-0.2]", "[0.01,Infinity]")).reason());
    assertEquals("embedding", rejectedAfter(x -> x.put("embedding", "0.1,0.2")).field());
  }

  @Test
  void createdAtMustBeAnInstant() {
    assertEquals("created_at is missing; must be an ISO-8601 instant such as 2026-11-20T23:59:00Z",
        rejectedAfter(x -> x.remove("created_at")).reason());
    assertEquals("created_at is \"2026-11-20 23:59\" (a string); must be an ISO-8601 instant such as 2026-11-20T23:59:00Z",
        rejectedAfter(x -> x.put("created_at", "2026-11-20 23:59")).reason());
    ObjectNode offset = goodRecord().put("created_at", "2026-11-21T00:59:00+01:00");
    QueryRecord q = (QueryRecord) ((ValidationResult.Valid<?>) validator.validate(offset.toString())).value();
    assertEquals(Instant.parse("2026-11-20T23:59:00Z"), q.createdAt());
  }

  @Test
  void createdAtBeyondYear9999IsRejectedNotOverflowed() {
    var far = rejectedAfter(x -> x.put("created_at", "+300000-01-01T00:00:00Z"));
    assertEquals("created_at", far.field());
    assertEquals("created_at is \"+300000-01-01T00:00:00Z\" (a string); must be between 0001-01-01T00:00:00Z and "
        + "9999-12-31T23:59:59Z", far.reason());
    assertEquals("created_at", rejectedAfter(x -> x.put("created_at", "-0005-01-01T00:00:00Z")).field());
    assertTrue(validator.validate(goodRecord().put("created_at", "9999-12-31T23:59:59Z").toString()).isValid());
  }

  @Test
  void idsThatPostgresCannotStoreOrIndexAreRejected() {
    var nul = rejectedAfter(x -> x.put("query_id", "q-\u0000-1"));
    assertEquals("query_id", nul.field());
    assertNull(nul.queryId(), "the bad id is not carried into rejected_query");
    assertEquals("query_id contains a NUL character (U+0000) at position 2; PostgreSQL text cannot hold it",
        nul.reason());
    assertEquals("tenant", rejectedAfter(x -> x.put("tenant", "a\u0000")).field());
    var longId = rejectedAfter(x -> x.put("query_id", "q".repeat(3000)));
    assertEquals("query_id", longId.field());
    assertEquals("query_id is 3000 characters long; must be at most 256", longId.reason());
    assertEquals("task", rejectedAfter(x -> x.put("task", "t".repeat(257))).field());
    assertTrue(validator.validate(goodRecord().put("query_id", "q".repeat(256)).toString()).isValid());
  }

  @Test
  void tokenCountsThatWouldOverflowSumsAreRejected() {
    var huge = rejectedAfter(x -> x.put("prompt_tokens", 4_000_000_000_000_000_000L));
    assertEquals("prompt_tokens", huge.field());
    assertEquals("prompt_tokens is 4000000000000000000; must be at most 100000000", huge.reason());
    assertEquals("expected_output_tokens",
        rejectedAfter(x -> x.put("expected_output_tokens", 100_000_001L)).field());
    assertTrue(validator.validate(goodRecord().put("prompt_tokens", 100_000_000L).toString()).isValid());
  }

  @Test
  void aRecordOverTheLineCapIsRejectedWithoutParsingIt() {
    String text = "x".repeat(JsonFields.MAX_RECORD_CHARS);
    String json = goodRecord().put("text", text).toString();
    var r = rejected(json);
    assertNull(r.field());
    assertEquals("the record is " + json.length() + " characters long; must be at most " + JsonFields.MAX_RECORD_CHARS
        + " (a longer line is not read)", r.reason());
    assertTrue(validator.validate(goodRecord().put("text", "x".repeat(100_000)).toString()).isValid());
  }

  @Test
  void survivesJavaSerialisationAsSparkShipsIt() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(validator);
    }
    QueryRecordValidator copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (QueryRecordValidator) in.readObject();
    }
    assertTrue(copy.validate(goodRecord().toString()).isValid());
    assertFalse(copy.validate("{").isValid());
  }
}
