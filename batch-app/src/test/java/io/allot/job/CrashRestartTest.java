package io.allot.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.testing.AppInChildProcesses;
import io.allot.testing.ChildAllot;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import io.allot.testing.UninterruptedNight;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A run killed with SIGKILL in each step in turn, and started again for the same date each time,
 * ends with exactly the rows of an uninterrupted run ({@link UninterruptedNight}, shared with
 * other child-JVM classes). While the run waits at its score-step kill point, a second process
 * for the same date is started: it must be refused. The sequence runs once for the class (each
 * start is a whole child JVM); the tests assert on what it recorded.
 */
@AppInChildProcesses
class CrashRestartTest {
  private static final List<String> FAULT_POINTS =
      List.of("ingest.validated", "score.written", "selectModels.written", "solve.written", "routing.written",
          "publish.staged", "publish.switched", "report.written", "retention.partitions-dropped");
  /** Where the second process is started, beside the first one paused there. */
  private static final String SECOND_PROCESS_AT = "score.written";

  private static UninterruptedNight night;
  private static String crashUrl;
  private static int lastExit;
  private static String lastOutput;
  private static int secondExit;
  private static String secondOutput;

  @BeforeAll
  static void killInEveryStepThenRunToTheEnd() throws Exception {
    night = UninterruptedNight.get();
    crashUrl = TestDatabase.freshDatabase("crash");
    Path crashWork = JobFixture.tempDir("crash-work");
    for (String point : FAULT_POINTS) {
      ChildAllot child = ChildAllot.start(point, night.runArgs(crashUrl, crashWork));
      try {
        assertThat(child.awaitPause(300)).as("child output:\n%s", child.output()).isEqualTo(point);
        if (point.equals(SECOND_PROCESS_AT)) {
          ChildAllot second = ChildAllot.start(null, night.runArgs(crashUrl, JobFixture.tempDir("lock-work-2")));
          secondExit = second.awaitExit(120);
          secondOutput = second.output();
        }
      } finally {
        child.killHard();
      }
    }
    ChildAllot last = ChildAllot.start(null, night.runArgs(crashUrl, crashWork));
    lastExit = last.awaitExit(300);
    lastOutput = last.output();
  }

  @Test
  void killedInEveryStepThenRestartedEndsWithTheUninterruptedRows() {
    assertThat(lastExit).as(lastOutput).isZero();
    assertThat(lastOutput).contains("left STARTED by a process that died");

    JdbcTemplate a = night.reference();
    JdbcTemplate b = UninterruptedNight.jdbc(crashUrl);
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
  void aSecondProcessForTheSameDateIsRefusedWhileTheFirstRuns() {
    assertThat(secondOutput).as("a second process was started at " + SECOND_PROCESS_AT).isNotNull();
    assertThat(secondExit).as(secondOutput).isEqualTo(5);  // held lock (README, "Exit codes")
    assertThat(secondOutput).contains("another Allot run for " + JobFixture.NIGHT + " is in progress")
        .contains("allot run " + JobFixture.NIGHT).doesNotContain("\tat ");
  }

  private static List<Map<String, Object>> rows(JdbcTemplate jdbc, String sql) {
    return jdbc.queryForList(sql + " ORDER BY 1, 2");
  }
}
