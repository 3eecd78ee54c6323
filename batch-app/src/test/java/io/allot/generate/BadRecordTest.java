package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.allot.spark.catalog.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadRecordTest {
  private static final int N = 20_000;
  private static final double FRACTION = 0.05;

  @TempDir(factory = TargetTempDirs.class)
  Path tmp;

  @Test
  void injectsEveryKindAtTheRequestedRateDeterministically() throws IOException {
    ModelCatalog catalog = TestData.catalog();
    GeneratorSettings s = GeneratorSettings.defaults(tmp.resolve("a"), N, 5, TestData.DATE)
        .withNights(1).withBadRecordFraction(FRACTION);
    GeneratedSummary summary = DemoDataGenerator.generate(s, catalog, ProgressListener.NONE);
    Path log = tmp.resolve("a").resolve(DemoDataGenerator.queryLogPath(TestData.DATE));

    Map<BadRecordKind, Integer> found = new EnumMap<>(BadRecordKind.class);
    Set<String> ids = new HashSet<>();
    Set<String> validIds = new HashSet<>();
    for (String line : TestData.lines(log)) {
      BadRecordKind kind = classify(line, ids, catalog);
      if (kind == null) {
        validIds.add(TestData.parse(line).get("query_id").textValue());
      } else {
        found.merge(kind, 1, Integer::sum);
      }
    }
    int bad = found.values().stream().mapToInt(Integer::intValue).sum();
    assertThat((double) bad / N).isBetween(FRACTION - 0.01, FRACTION + 0.01);
    assertThat(found).containsOnlyKeys(BadRecordKind.values());
    double perKind = N * FRACTION / BadRecordKind.values().length;
    found.values().forEach(c -> assertThat(c).isBetween((int) (0.6 * perKind), (int) (1.5 * perKind)));
    GeneratedSummary.Night night = summary.nights().get(0);
    for (BadRecordKind k : BadRecordKind.values()) {
      assertThat(night.badRecords().get(k)).as(k.label()).isEqualTo((long) found.get(k));
    }
    assertThat(summary.validQueries()).isEqualTo(validIds.size()).isEqualTo(N - bad);

    List<String> outcomes = TestData.lines(tmp.resolve("a").resolve(DemoDataGenerator.outcomesPath(TestData.DATE)));
    assertThat(outcomes).isNotEmpty();
    for (String o : outcomes) {
      String id = TestData.parse(o).get("query_id").textValue();
      assertThat(validIds.contains(id)).as("outcome for a valid record: " + id).isTrue();
    }

    DemoDataGenerator.generate(s.withOutDir(tmp.resolve("b")), catalog, ProgressListener.NONE);
    assertThat(Files.mismatch(log, tmp.resolve("b").resolve(DemoDataGenerator.queryLogPath(TestData.DATE))))
        .isEqualTo(-1L);
  }

  @Test
  void noBadRecordsByDefault() {
    GeneratedSummary summary = DemoDataGenerator.generate(
        GeneratorSettings.defaults(tmp, 2000, 5, TestData.DATE).withNights(1), TestData.catalog(),
        ProgressListener.NONE);
    assertThat(summary.badRecords()).isZero();
    assertThat(summary.nights().get(0).badRecords().values()).containsOnly(0L);
  }

  /** An independent reading of one line's single defect; null when the line is valid. */
  private static BadRecordKind classify(String line, Set<String> seen, ModelCatalog catalog) {
    JsonNode q;
    try {
      q = TestData.LENIENT.readTree(line);
    } catch (IOException e) {
      assertThatThrownBy(() -> TestData.STRICT.readTree(line)).isInstanceOf(IOException.class);
      return BadRecordKind.MALFORMED_JSON;
    }
    if (!q.has("query_id")) {
      return BadRecordKind.MISSING_QUERY_ID;
    }
    if (!seen.add(q.get("query_id").textValue())) {
      return BadRecordKind.DUPLICATE_QUERY_ID;
    }
    if (q.get("prompt_tokens").intValue() < 0) {
      return BadRecordKind.NEGATIVE_PROMPT_TOKENS;
    }
    JsonNode sm = q.get("small_model");
    for (JsonNode e : sm.get("first_token_top_logprobs")) {
      double lp = e.get("logprob").doubleValue();
      if (Double.isNaN(lp)) {
        assertThatThrownBy(() -> TestData.STRICT.readTree(line)).isInstanceOf(IOException.class);
        return BadRecordKind.NAN_LOGPROB;
      }
      if (lp > 0) {
        return BadRecordKind.POSITIVE_LOGPROB;
      }
    }
    if (!catalog.contains(sm.get("model_id").textValue())) {
      return BadRecordKind.UNKNOWN_SMALL_MODEL;
    }
    return null;
  }
}
