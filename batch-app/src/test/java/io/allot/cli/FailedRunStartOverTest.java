package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A failed run whose first attempt pinned something that fails every time (here a budget below
 * the cheapest assignment: a resumed run keeps its first attempt's settings) starts over from its
 * first step with --rerun. Values PostgreSQL could not store (NUL, 3,000-character ids, token
 * counts that overflow sums) are rejects with a reason, and the run publishes.
 */
class FailedRunStartOverTest {

  @Test
  void rerunStartsAFailedRunOverAndBadValuesAreRejectedAtIngest() throws Exception {
    Path data = JobFixture.tempDir("start-over");
    JobFixture.generate(data, 3_000, 11, 0.0);
    Path night = data.resolve("logs/date=" + JobFixture.NIGHT);
    String good = Files.readAllLines(night.resolve("queries.jsonl")).get(0);
    String firstId = good.replaceAll(".*\"query_id\":\"([^\"]+)\".*", "$1");
    List<String> bad = List.of(
        good.replace(firstId, "nul-\\u0000-id"),
        good.replace(firstId, "x".repeat(3_000)),
        good.replace(firstId, "huge-tokens").replaceFirst("\"prompt_tokens\":\\d+", "\"prompt_tokens\":9000000000000000000"),
        "{\"query_id\":\"raw-nul\u0000\"}");
    Files.write(night.resolve("extra.jsonl"), bad, StandardCharsets.UTF_8);

    String url = TestDatabase.freshDatabase("startover");
    Path work = JobFixture.tempDir("start-over-work");
    try (ConfigurableApplicationContext app = JobFixture.start(url, work)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThatThrownBy(() -> JobRunner.run(app, settings(app, data, "0.01"), false))
          .hasMessageContaining("budget");
      long failed = jdbc.queryForObject("SELECT max(run_id) FROM assignment_run", Long.class);
      // Resuming keeps the first attempt's budget, so the same command fails every time.
      assertThatThrownBy(() -> JobRunner.run(app, settings(app, data, "30%"), false))
          .hasMessageContaining("budget");
      assertThat(jdbc.queryForObject("SELECT max(run_id) FROM assignment_run", Long.class)).isEqualTo(failed);

      long runId = JobRunner.run(app, settings(app, data, "30%"), true);
      assertThat(runId).isNotEqualTo(failed);
      assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(runId);
      assertThat(jdbc.queryForObject("SELECT status FROM assignment_run WHERE run_id = ?", String.class, runId))
          .isEqualTo("PUBLISHED");
      Map<String, String> fieldByRef = new java.util.HashMap<>();
      jdbc.query("SELECT record_ref, coalesce(field, '-') AS field FROM rejected_query WHERE run_id = ?"
          + " AND record_ref LIKE 'extra.jsonl%'", rs -> {
            fieldByRef.put(rs.getString(1).replaceAll(".*line ", "line "), rs.getString(2));
          }, runId);
      assertThat(fieldByRef).containsEntry("line 1", "query_id").containsEntry("line 2", "query_id")
          .containsEntry("line 3", "prompt_tokens").containsEntry("line 4", "-");
      assertThat(jdbc.queryForObject("SELECT raw FROM rejected_query WHERE run_id = ? AND record_ref LIKE '%line 4'",
          String.class, runId)).contains("raw-nul\\u0000");
      assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isEqualTo(3_000L);
    }
  }

  private static RunSettings settings(ConfigurableApplicationContext app, Path data, String budget) {
    return NightInputs.runSettings(app.getBean(io.allot.config.AllotProperties.class), JobFixture.NIGHT, null, budget,
        data.resolve("logs"), data.resolve("outcomes"));
  }
}
