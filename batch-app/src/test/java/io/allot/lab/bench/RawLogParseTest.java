package io.allot.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw parse cuts files into byte ranges per thread: every line must be read exactly once. */
class RawLogParseTest {
  @TempDir Path tmp;

  @Test
  void everyLineIsReadOnceWhateverTheThreadCount() throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    StringBuilder sb = new StringBuilder("\uFEFF");
    int records = 0;
    int unreadable = 0;
    for (int i = 0; i < 2000; i++) {
      switch (rnd.nextInt(10)) {
        case 0 -> sb.append('\n'); // blank: no record
        case 1 -> { sb.append("{oops\n"); records++; unreadable++; }
        default -> {
          sb.append("{\"query_id\":\"q-").append(i).append("\",\"text\":\"").append("x".repeat(rnd.nextInt(3000)))
              .append("\",\"prompt_tokens\":").append(i).append(",\"small_model\":{\"model_id\":\"s\","
                  + "\"first_token_top_logprobs\":[{\"logprob\":-0.1,\"token\":\"a\"}]},"
                  + "\"embedding\":[0.5,NaN],\"created_at\":\"2026-11-20T00:00:00Z\"}")
              .append(rnd.nextBoolean() ? "\r\n" : "\n");
          records++;
        }
      }
    }
    sb.append("{\"query_id\":\"last\",\"created_at\":\"2026-11-20T00:00:00Z\"}"); // no final newline
    records++;
    Path file = tmp.resolve("log.jsonl");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    RawLogParse.Totals one = RawLogParse.parse(List.of(file), 1);
    assertEquals(records, one.records());
    assertEquals(unreadable, one.unreadable());
    for (int threads : new int[] {2, 3, 7, 64}) {
      assertEquals(one, RawLogParse.parse(List.of(file), threads), threads + " threads");
    }
  }
}
