package io.allot.run;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The assignment_run row of each run: its settings, status and headline figures. */
@Repository
public class RunRepository {
  private static final Logger log = LoggerFactory.getLogger(RunRepository.class);
  private final JdbcTemplate jdbc;
  private final Path workDir;

  public RunRepository(JdbcTemplate jdbc, AllotProperties props) {
    this.jdbc = jdbc;
    this.workDir = AllotHome.path(props.workDir());
  }

  /**
   * Creates the run's row on its first attempt. On a restart the stored settings win, so the
   * resumed run ends with the rows its first attempt would have written.
   */
  public RunRecord startOrResume(long runId, RunSettings requested) {
    int inserted = jdbc.update("""
        INSERT INTO assignment_run (run_id, run_date, status, log_path, settings, started_at)
        VALUES (?, ?, 'RUNNING', ?, ?::jsonb, ?)
        ON CONFLICT (run_id) DO NOTHING""",
        runId, requested.runDate(), requested.logPath(), requested.toJson(),
        Timestamp.from(Instant.now()));
    RunRecord run = load(runId);
    if (inserted == 0 && !run.settings().equals(requested)) {
      log.warn("run {} was started with {}; resuming with those settings, not {}", runId, run.settings(), requested);
    }
    if (!"PUBLISHED".equals(run.status())) {
      jdbc.update("UPDATE assignment_run SET status = CASE WHEN status = 'FAILED' THEN 'RUNNING' ELSE status END,"
          + " finished_at = NULL WHERE run_id = ?", runId);
    }
    return load(runId);
  }

  public RunRecord load(long runId) {
    List<RunRecord> rows = jdbc.query("SELECT status, settings::text FROM assignment_run WHERE run_id = ?",
        (rs, i) -> {
          RunSettings s = RunSettings.fromJson(rs.getString(2));
          return new RunRecord(runId, rs.getString(1), s, folderOf(runId, s));
        }, runId);
    if (rows.isEmpty()) {
      throw new IllegalStateException("run " + runId + " has no assignment_run row: the ingest step creates it");
    }
    return rows.get(0);
  }

  public Optional<RunRecord> find(long runId) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM assignment_run WHERE run_id = ?", Integer.class, runId);
    return n != null && n > 0 ? Optional.of(load(runId)) : Optional.empty();
  }

  public Path folderOf(long runId, RunSettings s) {
    return workDir.resolve("runs").resolve(s.runDate() + "-r" + runId);
  }

  public void recordIngest(long runId, long total, long valid, long rejected) {
    jdbc.update("UPDATE assignment_run SET queries_total = ?, queries_valid = ?, queries_rejected = ? WHERE run_id = ?",
        total, valid, rejected, runId);
  }

  public void recordSolve(long runId, double budgetUsd, double totalCost, double expectedQuality, double lpBound,
      double gap) {
    jdbc.update("""
        UPDATE assignment_run SET budget_usd = ?, total_cost_usd = ?, expected_quality = ?, lp_bound = ?, gap = ?,
               solved_at = now(), status = CASE WHEN status = 'PUBLISHED' THEN status ELSE 'SOLVED' END
        WHERE run_id = ?""", budgetUsd, totalCost, expectedQuality, lpBound, gap, runId);
  }

  public void recordFinished(long runId, String reportPath) {
    jdbc.update("UPDATE assignment_run SET report_path = ?, finished_at = now() WHERE run_id = ?", reportPath, runId);
  }

  /** A failed attempt; a later restart sets it back to RUNNING. Published runs stay published. */
  public void markFailed(long runId) {
    jdbc.update("UPDATE assignment_run SET status = 'FAILED' WHERE run_id = ? AND status <> 'PUBLISHED'", runId);
  }
}
