package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every line of a clean run follows the query-log and outcome contracts of the README ("Data formats"). */
class ContractTest {
  private static final Set<String> QUERY_FIELDS = Set.of("query_id", "tenant", "task", "text",
      "prompt_tokens", "expected_output_tokens", "small_model", "embedding", "created_at");
  private static final Set<String> OUTCOME_FIELDS = Set.of("query_id", "model_id", "score",
      "cost_usd", "latency_ms", "observed_at", "answer");

  @TempDir(factory = TargetTempDirs.class)
  static Path out;
  static GeneratedSummary summary;
  static ModelCatalog catalog;

  @BeforeAll
  static void generate() {
    catalog = TestData.catalog();
    summary = DemoDataGenerator.generate(GeneratorSettings.defaults(out, 6000, 11, TestData.DATE)
        .withHistoryQueriesPerNight(2000), catalog, ProgressListener.NONE);
  }

  @Test
  void writesOneLogAndOneOutcomeFilePerNight() {
    assertThat(summary.nights()).extracting(GeneratedSummary.Night::date)
        .containsExactly(TestData.DATE.minusDays(1), TestData.DATE);
    assertThat(summary.nights()).extracting(GeneratedSummary.Night::queries).containsExactly(2000L, 6000L);
    assertThat(out.resolve("generator.json")).isRegularFile();
    for (GeneratedSummary.Night n : summary.nights()) {
      assertThat(TestData.lines(out.resolve(n.queryLog()))).hasSize((int) n.queries());
      assertThat(TestData.lines(out.resolve(n.outcomes()))).hasSize((int) n.outcomeRows());
    }
  }

  @Test
  void queryLinesFollowTheContract() {
    String small = catalog.smallTierModel().orElseThrow().id();
    Set<String> ids = new HashSet<>();
    for (GeneratedSummary.Night n : summary.nights()) {
      for (String line : TestData.lines(out.resolve(n.queryLog()))) {
        JsonNode q = TestData.parse(line);
        assertThat(fieldNames(q)).as(line).isEqualTo(QUERY_FIELDS);
        assertThat(ids.add(q.get("query_id").textValue())).as("unique id " + line).isTrue();
        assertThat(q.get("tenant").textValue()).isIn("acme", "globex", "initech", "umbrella");
        Task task = task(q.get("task").textValue());
        assertThat(q.get("text").textValue()).isNotBlank();
        assertThat(q.get("prompt_tokens").isInt()).isTrue();
        assertThat(q.get("prompt_tokens").intValue()).isPositive();
        int expected = q.get("expected_output_tokens").intValue();
        assertThat(expected).isBetween(task.outputMin(), task.outputMax());

        JsonNode sm = q.get("small_model");
        assertThat(sm.get("model_id").textValue()).isEqualTo(small);
        JsonNode top = sm.get("first_token_top_logprobs");
        assertThat(top.size()).isBetween(3, 5);
        double previous = 0;
        for (JsonNode e : top) {
          assertThat(e.get("token").isTextual()).isTrue();
          double lp = e.get("logprob").doubleValue();
          assertThat(e.get("logprob").isNumber() && Double.isFinite(lp) && lp <= 0).as(line).isTrue();
          assertThat(lp).as("sorted descending: " + line).isLessThanOrEqualTo(previous);
          previous = lp;
        }
        assertThat(sm.get("output").textValue()).startsWith(top.get(0).get("token").textValue());
        JsonNode tokens = sm.get("token_logprobs");
        assertThat(tokens.size()).isBetween(1, QueryDraft.MAX_TOKENS);
        for (JsonNode t : tokens) {
          assertThat(t.isNumber() && Double.isFinite(t.doubleValue()) && t.doubleValue() <= 0).as(line).isTrue();
        }
        assertThat(q.get("embedding").size()).isEqualTo(QueryDraft.EMBEDDING_DIM);
        q.get("embedding").forEach(x -> assertThat(x.isNumber()).isTrue());
        Instant created = Instant.parse(q.get("created_at").textValue());
        assertThat(LocalDate.ofInstant(created, ZoneOffset.UTC)).isEqualTo(n.date());
      }
    }
    assertThat(ids).hasSize(8000);
  }

  @Test
  void labelledQueriesHaveOneOutcomePerModelInCatalogOrder() {
    for (GeneratedSummary.Night n : summary.nights()) {
      Map<String, JsonNode> queries = new HashMap<>();
      TestData.lines(out.resolve(n.queryLog())).forEach(l -> {
        JsonNode q = TestData.parse(l);
        queries.put(q.get("query_id").textValue(), q);
      });
      List<String> rows = TestData.lines(out.resolve(n.outcomes()));
      assertThat(rows.size() % catalog.size()).isZero();
      Set<String> labelled = new HashSet<>();
      for (int r = 0; r < rows.size(); r++) {
        JsonNode o = TestData.parse(rows.get(r));
        assertThat(fieldNames(o)).isEqualTo(OUTCOME_FIELDS);
        ModelSpec spec = catalog.get(r % catalog.size());
        assertThat(o.get("model_id").textValue()).isEqualTo(spec.id());
        String id = o.get("query_id").textValue();
        JsonNode q = queries.get(id);
        assertThat(q).as("outcome for a logged query " + id).isNotNull();
        if (r % catalog.size() == 0) {
          assertThat(labelled.add(id)).as("one group per query").isTrue();
        }
        assertThat(o.get("score").doubleValue()).isIn(0.0, 1.0);
        double minCost = spec.costUsd(q.get("prompt_tokens").intValue(), 1);
        assertThat(o.get("cost_usd").doubleValue()).isGreaterThanOrEqualTo(minCost * 0.999).isPositive();
        assertThat(o.get("latency_ms").isInt()).isTrue();
        assertThat(o.get("latency_ms").intValue()).isBetween(1, spec.latencyMs() * 10);
        assertThat(Instant.parse(o.get("observed_at").textValue()))
            .isAfterOrEqualTo(Instant.parse(q.get("created_at").textValue()));
      }
      assertThat(labelled).hasSize((int) n.labelledQueries());
      assertThat((double) labelled.size() / n.queries()).isBetween(0.22, 0.28);
    }
  }

  @Test
  void summaryCountsMatch() {
    assertThat(summary.queries()).isEqualTo(8000);
    assertThat(summary.validQueries()).isEqualTo(8000);
    assertThat(summary.badRecords()).isZero();
    assertThat(summary.outcomeRows()).isEqualTo(summary.labelledQueries() * catalog.size());
    assertThat(summary.queriesByTask().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(8000);
    assertThat(summary.models()).extracting(GeneratedSummary.ModelTruth::modelId)
        .containsExactlyElementsOf(catalog.ids());
  }

  static Task task(String id) {
    for (Task t : Task.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new AssertionError("unknown task " + id);
  }

  private static Set<String> fieldNames(JsonNode n) {
    Set<String> names = new HashSet<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static List<JsonNode> parseAll(Path file) {
    List<JsonNode> all = new ArrayList<>();
    TestData.lines(file).forEach(l -> all.add(TestData.parse(l)));
    return all;
  }
}
