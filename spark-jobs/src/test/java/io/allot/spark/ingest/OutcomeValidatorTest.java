package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.testing.Records;
import io.allot.spark.testing.TestCatalog;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class OutcomeValidatorTest {
  private final OutcomeValidator validator = new OutcomeValidator(TestCatalog.threeModels());

  private ValidationResult.Rejected<OutcomeRecord> rejectedAfter(Consumer<ObjectNode> change) {
    ObjectNode o = Records.outcome("q-1", TestCatalog.MID, 1.0);
    change.accept(o);
    return assertInstanceOf(ValidationResult.Rejected.class, validator.validate(o.toString()));
  }

  @Test
  void acceptsTheContractExample() {
    var v = assertInstanceOf(ValidationResult.Valid.class, validator.validate(Records.outcome("q-1", "big", 0.5).toString()));
    OutcomeRecord o = (OutcomeRecord) v.value();
    assertEquals(0.5, o.score());
    assertEquals(820L, o.latencyMs());
  }

  @Test
  void costAndLatencyAreOptional() {
    ObjectNode o = Records.outcome("q-1", "big", 1);
    o.remove("cost_usd");
    o.remove("latency_ms");
    OutcomeRecord r = (OutcomeRecord) ((ValidationResult.Valid<?>) validator.validate(o.toString())).value();
    assertNull(r.costUsd());
    assertNull(r.latencyMs());
  }

  @Test
  void answerIsAnOptionalStringOfBoundedLength() {
    ObjectNode o = Records.outcome("q-1", "big", 1);
    assertNull(((OutcomeRecord) ((ValidationResult.Valid<?>) validator.validate(o.toString())).value()).answer());
    o.put("answer", "(B) because");
    OutcomeRecord r = (OutcomeRecord) ((ValidationResult.Valid<?>) validator.validate(o.toString())).value();
    assertEquals("(B) because", r.answer());
    var number = rejectedAfter(x -> x.put("answer", 3));
    assertEquals("answer", number.field());
    assertEquals("answer is 3; must be a string", number.reason());
    var tooLong = rejectedAfter(x -> x.put("answer", "x".repeat(OutcomeValidator.MAX_ANSWER_CHARS + 1)));
    assertEquals("answer", tooLong.field());
    assertTrue(tooLong.reason().startsWith("answer is 100001 characters long; must be at most 100000"), tooLong.reason());
  }

  @Test
  void malformed() {
    var r = (ValidationResult.Rejected<?>) validator.validate("{\"query_id\": ");
    assertTrue(r.reason().startsWith("malformed JSON"), r.reason());
  }

  @Test
  void unknownModelIsNamed() {
    var r = rejectedAfter(o -> o.put("model_id", "gpt-5"));
    assertEquals("model_id", r.field());
    assertTrue(r.reason().startsWith("model_id 'gpt-5' is not in the model catalog"), r.reason());
  }

  @Test
  void missingOrEmptyScoreIsRejectedNeverZero() {
    var missing = rejectedAfter(o -> o.remove("score"));
    assertEquals("score", missing.field());
    assertEquals("score is missing; must be a number in [0, 1]; a missing score is not read as 0", missing.reason());
    assertEquals("score", rejectedAfter(o -> o.put("score", "")).field());
    assertEquals("score", rejectedAfter(o -> o.putNull("score")).field());
    assertEquals("q-1", missing.queryId());
  }

  @Test
  void scoreMustBeFiniteAndInTheUnitInterval() {
    assertTrue(rejectedAfter(o -> o.put("score", 1.5)).reason().startsWith("score is 1.5;"));
    assertTrue(rejectedAfter(o -> o.put("score", -0.1)).reason().startsWith("score is -0.1;"));
    var nan = (ValidationResult.Rejected<?>) validator.validate(
        Records.outcome("q-1", "big", 0.25).toString().replace("0.25", "NaN"));
    assertTrue(nan.reason().startsWith("score is NaN;"), nan.reason());
  }

  @Test
  void negativeCostRejected() {
    assertEquals("cost_usd is -0.01; must be a finite number >= 0",
        rejectedAfter(o -> o.put("cost_usd", -0.01)).reason());
  }

  @Test
  void queryIdAndObservedAtRequired() {
    assertEquals("query_id", rejectedAfter(o -> o.remove("query_id")).field());
    assertEquals("observed_at", rejectedAfter(o -> o.put("observed_at", "last night")).field());
    assertEquals("latency_ms", rejectedAfter(o -> o.put("latency_ms", -3)).field());
  }
}
