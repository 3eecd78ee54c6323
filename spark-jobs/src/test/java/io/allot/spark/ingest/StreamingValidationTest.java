package io.allot.spark.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.allot.spark.testing.TestCatalog;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

/**
 * Validation streams a partition (one .jsonl.gz file is one partition): it holds one record at
 * a time, never the partition in a list, so a large file cannot exhaust a local task's memory.
 */
class StreamingValidationTest {

  /** An endless input partition that counts what was read from it. */
  private static Iterator<Row> endless(AtomicLong pulled) {
    String json = QueryRecordValidatorTest.goodRecord().toString();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Row next() {
        long n = pulled.incrementAndGet();
        return new GenericRowWithSchema(new Object[] {0, "log.jsonl", n, "line " + n, json, ""}, InputRecordSchema.SCHEMA);
      }
    };
  }

  @Test
  void queryLogValidationPullsOneRecordPerRowItReturns() {
    AtomicLong pulled = new AtomicLong();
    Iterator<Row> out = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> QueryLogReader.validateAll(endless(pulled), new QueryRecordValidator(TestCatalog.threeModels())));
    for (int i = 0; i < 3; i++) {
      assertEquals(true, out.next().getBoolean(QueryLogSchema.STAGED.fieldIndex(QueryLogSchema.IS_VALID)));
    }
    assertEquals(3, pulled.get());
  }

  @Test
  void outcomeValidationPullsOneRecordPerRowItReturns() {
    AtomicLong pulled = new AtomicLong();
    Iterator<Row> out = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> OutcomeReader.validateAll(endless(pulled), new OutcomeValidator(TestCatalog.threeModels())));
    assertFalse(out.next().getBoolean(OutcomeSchema.STAGED.fieldIndex(OutcomeSchema.IS_VALID)),
        "a query record is not an outcome");
    assertEquals(1, pulled.get());
  }
}
