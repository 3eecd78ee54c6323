package io.allot.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.testing.AppInChildProcesses;
import io.allot.testing.ChildAllot;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run killed with SIGKILL in each step in turn, and started again for the same date each time,
 * ends with exactly the rows of an uninterrupted run.
 */
@AppInChildProcesses
class CrashRestartTest {
  private static final List<String> FAULT_POINTS =
      List.of("ingest.validated", "score.written", "selectModels.written", "solve.written", "routing.written",
          "publish.staged", "publish.switched", "report.written", "retention.partitions-dropped");
  private static Path data;

  @BeforeAll
  static void generate() {
    data = JobFixture.tempDir("crash-night");
    JobFixture.generate(data, 3_000, 11, 0.003);
  }

  private static List<String> runArgs(String url, Path work) {
    return JobFixture.runCommand(data, "25%", url, work);
  }

  @Test
  void killedInEveryStepThenRestartedEndsWithTheUninterruptedRows() throws Exception {
    String cleanUrl = TestDatabase.freshDatabase("clean");
    ChildAllot clean = ChildAllot.start(null, runArgs(cleanUrl, JobFixture.tempDir("clean-work")));
    assertThat(clean.awaitExit(300)).as(clean.output()).isZero();

    String crashUrl = TestDatabase.freshDatabase("crash");
    Path crashWork = JobFixture.tempDir("crash-work");
    for (String point : FAULT_POINTS) {
      ChildAllot child = ChildAllot.start(point, runArgs(crashUrl, crashWork));
      assertThat(child.awaitPause(300)).as("child output:\n%s", child.output()).isEqualTo(point);
      child.killHard();
    }
    ChildAllot last = ChildAllot.start(null, runArgs(crashUrl, crashWork));
    assertThat(last.awaitExit(300)).as(last.output()).isZero();
    assertThat(last.output()).contains("left STARTED by a process that died");

    JdbcTemplate a = jdbc(cleanUrl);
    JdbcTemplate b = jdbc(crashUrl);
    assertThat(rows(b, "SELECT query_id, tenant, model_id, expected_quality, expected_cost_usd FROM current_assignment"))
        .isNotEmpty()
        .isEqualTo(rows(a, "SELECT query_id, tenant, model_id, expected_quality, expected_cost_usd FROM current_assignment"));
    assertThat(b.queryForObject("SELECT count(*) - count(DISTINCT query_id) FROM assignment", Long.class)).isZero();
    assertThat(rows(b, "SELECT source, record_ref, query_id, field, reason FROM rejected_query"))
        .isNotEmpty().isEqualTo(rows(a, "SELECT source, record_ref, query_id, field, reason FROM rejected_query"));
    assertThat(rows(b, "SELECT point_no, budget_usd, total_cost_usd, expected_quality, lp_bound, gap, is_published FROM pareto_point"))
        .isEqualTo(rows(a, "SELECT point_no, budget_usd, total_cost_usd, expected_quality, lp_bound, gap, is_published FROM pareto_point"));
    String policy = "SELECT tenant, task, small_model_id, escalation_model_id, margin_threshold, queries,"
        + " escalated_queries, budget_share_usd, expected_cost_usd, expected_quality FROM routing_policy";
    assertThat(rows(b, policy)).isNotEmpty().isEqualTo(rows(a, policy));
    String calibration = "SELECT small_model_id, method, fit_rows, held_out_rows, ece_raw, ece_isotonic, ece_platt"
        + " FROM small_model_calibration";
    assertThat(rows(b, calibration)).hasSize(1).isEqualTo(rows(a, calibration));
    String runCols = "SELECT run_date, status, budget_usd, total_cost_usd, expected_quality, lp_bound, gap, queries_total,"
        + " queries_valid, queries_rejected FROM assignment_run";
    assertThat(rows(b, runCols)).isEqualTo(rows(a, runCols));
    assertThat(b.queryForObject("SELECT count(*) FROM assignment_run WHERE finished_at IS NOT NULL", Long.class)).isEqualTo(1);
  }

  @Test
  void aSecondProcessForTheSameDateIsRefusedWhileTheFirstRuns() throws Exception {
    String url = TestDatabase.freshDatabase("lock");
    Path work = JobFixture.tempDir("lock-work");
    ChildAllot first = ChildAllot.start("score.written", runArgs(url, work));
    assertThat(first.awaitPause(300)).as(first.output()).isEqualTo("score.written");
    try {
      ChildAllot second = ChildAllot.start(null, runArgs(url, JobFixture.tempDir("lock-work-2")));
      assertThat(second.awaitExit(120)).isEqualTo(5);  // held lock (README, "Exit codes")
      assertThat(second.output()).contains("another Allot run for " + JobFixture.NIGHT + " is in progress")
          .contains("allot run " + JobFixture.NIGHT).doesNotContain("\tat ");
    } finally {
      first.killHard();
    }
  }

  private static JdbcTemplate jdbc(String url) {
    return new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
  }

  private static List<Map<String, Object>> rows(JdbcTemplate jdbc, String sql) {
    return jdbc.queryForList(sql + " ORDER BY 1, 2");
  }
}
