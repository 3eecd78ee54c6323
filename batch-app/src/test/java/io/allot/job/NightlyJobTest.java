package io.allot.job;

import io.allot.run.RunSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.allot.config.AllotProperties;
import io.allot.generate.GeneratedSummary;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The whole nightly job on a real PostgreSQL and a real local Spark, on a 20k-query generated night. */
class NightlyJobTest {
  private static final long QUERIES = 20_000;
  private static Path data;
  private static GeneratedSummary truth;
  private static ConfigurableApplicationContext app;
  private static JdbcTemplate jdbc;
  private static NightlyJobLauncher launcher;
  private static long runId;

  @BeforeAll
  static void runTheNight() throws Exception {
    data = JobFixture.tempDir("night");
    truth = JobFixture.generate(data, QUERIES, 7, 0.002);
    app = JobFixture.start(TestDatabase.freshDatabase("job"), JobFixture.tempDir("work"),
        "--allot.cascade-options.enabled=true");
    jdbc = app.getBean(JdbcTemplate.class);
    launcher = app.getBean(NightlyJobLauncher.class);
    JobExecution e = launcher.run(new RunRequest(JobFixture.NIGHT, 0, settings("30%")));
    assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    runId = e.getJobInstance().getInstanceId();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  static RunSettings settings(String budget) {
    AllotProperties props = app.getBean(AllotProperties.class);
    return new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(),
        data.resolve("logs").toString(), data.resolve("outcomes").toString(), props.input().historyDays(), budget);
  }

  @Test
  void totalCostStaysWithinTheBudget() {
    Map<String, Object> run = jdbc.queryForMap("SELECT budget_usd, total_cost_usd FROM assignment_run WHERE run_id = ?", runId);
    double budget = (Double) run.get("budget_usd");
    assertThat(budget).isPositive();
    assertThat((Double) run.get("total_cost_usd")).isLessThanOrEqualTo(budget);
    Double published = jdbc.queryForObject("SELECT sum(expected_cost_usd) FROM current_assignment", Double.class);
    assertThat(published).isLessThanOrEqualTo(budget + 1e-6);
  }

  @Test
  void gapToTheLpBoundIsBelowHalfAPercent() {
    Map<String, Object> run = jdbc.queryForMap("SELECT expected_quality, lp_bound, gap FROM assignment_run WHERE run_id = ?", runId);
    assertThat((Double) run.get("gap")).isBetween(0.0, 0.005);
    assertThat((Double) run.get("lp_bound")).isGreaterThanOrEqualTo((Double) run.get("expected_quality"));
  }

  @Test
  void everyValidQueryIsPublishedExactlyOnce() {
    long valid = truth.nights().get(truth.nights().size() - 1).validQueries();
    assertThat(jdbc.queryForObject("SELECT queries_valid FROM assignment_run WHERE run_id = ?", Long.class, runId))
        .isEqualTo(valid);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isEqualTo(valid);
    assertThat(jdbc.queryForObject("SELECT count(DISTINCT query_id) FROM current_assignment", Long.class)).isEqualTo(valid);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment a LEFT JOIN llm_model m USING (model_id)"
        + " WHERE m.model_id IS NULL", Long.class)).isZero();
  }

  @Test
  void everyQueryListsTheModelsOfItsOptionAndSharesAddUp() {
    // SelectLLM subsets are on by default ([2, 3]): whatever options were chosen, serving finds each
    // query's models in current_assignment_member, one row per member of its option.
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment a WHERE (SELECT count(*) FROM "
        + "current_assignment_member m WHERE m.query_id = a.query_id) <> (SELECT max(m.option_size) FROM "
        + "current_assignment_member m WHERE m.query_id = a.query_id)", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment_member WHERE option_kind <> 'cascade' "
        + "AND option_size <> cardinality(string_to_array(option_id, '+'))", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment_member m LEFT JOIN llm_model l "
        + "USING (model_id) WHERE l.model_id IS NULL", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT sum(queries) FROM run_option_share WHERE run_id = ?", Long.class, runId))
        .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class));
    assertThat(jdbc.queryForObject("SELECT sum(cost_usd) FROM run_model_share WHERE run_id = ?", Double.class, runId))
        .isCloseTo(jdbc.queryForObject("SELECT total_cost_usd FROM assignment_run WHERE run_id = ?", Double.class,
            runId), org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void cascadeOptionsAreOfferedPerTaskAndServedWithTheirRuleWithinTheReserve() {
    List<Map<String, Object>> decisions = jdbc.queryForList(
        "SELECT task, option_id, offered, reason FROM run_cascade_decision WHERE run_id = ? ORDER BY decision_no", runId);
    assertThat(decisions).anySatisfy(d -> assertThat(d.get("offered")).isEqualTo(true))
        .anySatisfy(d -> assertThat(d.get("offered")).isEqualTo(false))
        .allSatisfy(d -> assertThat((String) d.get("reason")).isNotBlank());
    // The generator words free-text answers differently per model: they never agree, so a cascade
    // there always escalates, ties its escalation model and must not be offered.
    assertThat(decisions).filteredOn(d -> (Boolean) d.get("offered"))
        .allSatisfy(d -> assertThat(d.get("task")).isNotIn("summarize", "translate", "code"));

    // Serving: per query the models to call in order and what each does.
    List<String> rules = jdbc.queryForList("SELECT DISTINCT string_agg(role, '+' ORDER BY member_no) FROM "
        + "current_assignment_member WHERE option_kind = 'cascade' GROUP BY query_id", String.class);
    assertThat(rules).as("the plan chose cascades").containsExactly("first+second+escalate");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment_member m WHERE m.option_kind = 'cascade' "
        + "AND NOT EXISTS (SELECT 1 FROM run_cascade_decision d WHERE d.run_id = m.run_id AND d.option_id = m.option_id "
        + "AND d.offered)", Long.class)).as("every chosen cascade was offered").isZero();
    // The per-query escalation rates' shifts, fitted on the whole night, are pinned for explain.
    assertThat(app.getBean(io.allot.run.RunRepository.class).load(runId).folder().resolve("cascade-escalation.json"))
        .isRegularFile();

    // The plan kept its stated reserve (2 sd of the realised cost) inside the budget.
    Map<String, Object> run = jdbc.queryForMap(
        "SELECT budget_usd, total_cost_usd, cost_sd_usd, cost_reserve_usd FROM assignment_run WHERE run_id = ?", runId);
    double reserve = (Double) run.get("cost_reserve_usd");
    assertThat(reserve).isPositive().isCloseTo(2.0 * (Double) run.get("cost_sd_usd"), within(1e-9));
    assertThat((Double) run.get("total_cost_usd") + reserve).isLessThanOrEqualTo((Double) run.get("budget_usd") + 1e-6);
  }

  @Test
  void rejectedRecordsCarryTheirReasons() {
    long bad = truth.nights().get(truth.nights().size() - 1).queries() - truth.nights().get(truth.nights().size() - 1).validQueries();
    assertThat(bad).isPositive();
    List<Map<String, Object>> rows = jdbc.queryForList(
        "SELECT record_ref, field, reason FROM rejected_query WHERE run_id = ? AND source = 'query_log'", runId);
    assertThat(rows).hasSize((int) bad);
    assertThat(rows).allSatisfy(r -> {
      assertThat((String) r.get("record_ref")).matches(".*line \\d+");
      assertThat((String) r.get("reason")).isNotBlank();
    });
    assertThat(rows).anySatisfy(r -> assertThat((String) r.get("reason")).contains("duplicate query_id"));
    assertThat(rows).anySatisfy(r -> assertThat((String) r.get("field")).isEqualTo("prompt_tokens"));
  }

  @Test
  void dualPricesAreStoredOncePerConstraintAndSurviveARewrite() {
    io.allot.solve.DualPriceRepository duals = app.getBean(io.allot.solve.DualPriceRepository.class);
    List<io.allot.solve.DualPriceRow> rows = duals.load(runId);
    assertThat(rows).filteredOn(r -> r.kind().equals("budget")).singleElement().satisfies(b -> {
      assertThat(b.price()).isPositive(); // a 30% budget binds, so cost has a price
      assertThat(b.used()).isLessThanOrEqualTo(b.limit());
      assertThat(b.binds()).isTrue();
    });
    // The solve step's restart path: writing the same run again leaves the same rows, no duplicates.
    duals.replace(runId, rows);
    assertThat(duals.load(runId)).isEqualTo(rows);
  }

  @Test
  void paretoFrontIsSortedNonDominatedAndHoldsThePublishedPoint() {
    List<Map<String, Object>> pts = jdbc.queryForList(
        "SELECT total_cost_usd, expected_quality, lp_bound, is_published FROM pareto_point WHERE run_id = ? ORDER BY point_no", runId);
    assertThat(pts).hasSizeGreaterThan(2);
    assertThat(pts).filteredOn(p -> (Boolean) p.get("is_published")).hasSize(1);
    for (int i = 1; i < pts.size(); i++) {
      assertThat((Double) pts.get(i).get("total_cost_usd")).isGreaterThanOrEqualTo((Double) pts.get(i - 1).get("total_cost_usd"));
      assertThat((Double) pts.get(i).get("expected_quality")).isGreaterThanOrEqualTo((Double) pts.get(i - 1).get("expected_quality"));
    }
  }

  @Test
  void reportIsWrittenWithTheCharts() throws Exception {
    String path = jdbc.queryForObject("SELECT report_path FROM assignment_run WHERE run_id = ?", String.class, runId);
    String html = Files.readString(Path.of(path));
    assertThat(html).contains("Pareto front").contains("<svg").contains("Model shares").contains("Budget use")
        .contains("Cascade options");
  }

  @Test
  void aCompletedDateIsNotRunTwiceByAccident() {
    assertThatThrownBy(() -> launcher.run(new RunRequest(JobFixture.NIGHT, 0, settings("30%"))))
        .hasMessageContaining("already completed").hasMessageContaining("--rerun");
  }

  /**
   * A whole 20,000-query night up to its solve step (about 17 s). Tagged heavy for CI's 10 minutes:
   * the message is checked on the solver in AssignmentSolverTest and InfeasibleInputTest, and a
   * failed run leaving the current run in place in FailedRunStartOverTest.
   */
  @Tag("heavy")
  @Test
  void aBudgetBelowTheCheapestAssignmentNamesTheMinimum() throws Exception {
    JobExecution e = launcher.run(new RunRequest(JobFixture.NIGHT, 7, settings("0.01")));
    assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(e.getAllFailureExceptions().get(0).getMessage()).contains("below the cheapest feasible assignment");
    assertThat(jdbc.queryForObject("SELECT status FROM assignment_run WHERE run_id = ?", String.class,
        e.getJobInstance().getInstanceId())).isEqualTo("FAILED");
    assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(runId);
  }
}
