package io.allot.realised;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checks of the realised step on generated nights, asserted on a test that already runs several
 * nights (RetentionTest), so no extra job run is needed.
 */
public final class RealisedNights {
  private RealisedNights() {}

  /**
   * @param runIds three consecutive nights' runs, oldest first; the last night's retention (one
   *     day) dropped the oldest run's partition after the last night compared it
   */
  public static void verify(ConfigurableApplicationContext app, Path data, List<Long> runIds) throws IOException {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    long oldest = runIds.get(0);
    long middle = runIds.get(1);
    long last = runIds.get(2);
    List<Map<String, Object>> compared = jdbc.queryForList(
        "SELECT * FROM run_realised_summary WHERE compared_in_run = ? ORDER BY run_id", last);
    assertThat(compared).extracting(r -> r.get("run_id")).containsExactly(oldest, middle);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM run_realised WHERE run_id = ?", Long.class, last))
        .as("tonight's own run waits for its outcomes").isZero();

    // Planned queries are the published ones; those with outcomes are the assigned queries that
    // appear in the night's outcome file (the generator evaluates every model on a labelled query).
    Map<String, Object> m = compared.get(1);
    assertThat(m.get("queries_planned")).isEqualTo(
        jdbc.queryForObject("SELECT queries_valid FROM assignment_run WHERE run_id = ?", Long.class, middle));
    String date = String.valueOf(m.get("run_date"));
    Set<String> labelled = labelledQueries(data.resolve("outcomes/date=" + date));
    long expected = jdbc.queryForList("SELECT query_id FROM assignment WHERE run_id = ?", String.class, middle)
        .stream().filter(labelled::contains).count();
    assertThat(expected).isPositive();
    assertThat(m.get("queries_with_outcomes")).isEqualTo(expected);
    assertThat((Double) m.get("planned_cost_usd")).isCloseTo(
        jdbc.queryForObject("SELECT total_cost_usd FROM assignment_run WHERE run_id = ?", Double.class, middle),
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat((Double) m.get("realised_cost_usd")).isPositive();
    assertThat((Double) m.get("realised_quality")).isBetween(0.0, 1.0);
    for (Map<String, Object> r : compared) {
      double shortfall = (Double) r.get("shortfall");
      assertThat(r.get("shortfall_flagged")).isEqualTo(shortfall > (Double) r.get("shortfall_margin"));
    }

    // A restart of the step rewrites exactly the same rows.
    List<Map<String, Object>> before = rows(jdbc, middle);
    RealisedRepository repo = app.getBean(RealisedRepository.class);
    RealisedRepository.PublishedRun run = repo.published(java.time.LocalDate.parse(date),
        java.time.LocalDate.parse(date).plusDays(1)).get(0);
    app.getBean(RealisedStep.class).compare(last, run, data.resolve("outcomes/date=" + date));
    assertThat(rows(jdbc, middle)).isEqualTo(before);

    // Retention dropped the oldest run's partition after the comparison: it is no longer a
    // candidate, and its rows stay.
    assertThat(repo.published(java.time.LocalDate.parse("2000-01-01"), java.time.LocalDate.parse("2100-01-01")))
        .filteredOn(p -> p.runId() == oldest).singleElement()
        .satisfies(p -> assertThat(p.partitionKept()).isFalse());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM run_realised WHERE run_id = ?", Long.class, oldest))
        .isPositive();

    NightShortfall figures = NightShortfall.of(jdbc, last);
    assertThat(figures.comparedRuns()).isEqualTo(2);
    assertThat(figures.runsWithOutcomes()).isEqualTo(2);
    assertThat(figures.flaggedRuns()).isEqualTo((int) compared.stream()
        .filter(r -> Boolean.TRUE.equals(r.get("shortfall_flagged"))).count());
    assertThat(figures.worstShortfall()).isEqualTo(compared.stream().mapToDouble(r -> (Double) r.get("shortfall"))
        .max().orElseThrow());
    assertThat(RealisedLines.forRun(jdbc, last)).hasSize(2).allSatisfy(l -> assertThat(l).contains("predicted")
        .contains("realised"));
    String report = Files.readString(Path.of(jdbc.queryForObject(
        "SELECT report_path FROM assignment_run WHERE run_id = ?", String.class, last)));
    assertThat(report).contains("Plan against what was served").contains("run " + middle);
    Path index = Path.of(app.getBean(io.allot.config.AllotProperties.class).workDir()).resolve("reports/index.html");
    assertThat(Files.readString(index)).contains("Realised against predicted")
        .as("the pruned run's folder is gone: no link").doesNotContain("-r" + oldest + "/report/index.html")
        .contains("-r" + last + "/report/index.html");
    String sql = "SELECT has_table_privilege(?, ?, 'SELECT')";
    assertThat(jdbc.queryForObject(sql, Boolean.class, "allot_reader", "run_realised")).isTrue();
    assertThat(jdbc.queryForObject(sql, Boolean.class, "allot_reader", "run_realised_summary")).isTrue();
  }

  private static List<Map<String, Object>> rows(JdbcTemplate jdbc, long runId) {
    return jdbc.queryForList("SELECT * FROM run_realised WHERE run_id = ? ORDER BY option_id, tenant", runId);
  }

  private static Set<String> labelledQueries(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new HashSet<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            ids.add(json.readTree(line).path("query_id").asText());
          }
        }
      }
    }
    return ids;
  }
}
