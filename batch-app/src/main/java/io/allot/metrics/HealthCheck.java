package io.allot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * serve's /health: DOWN when PostgreSQL does not answer; DEGRADED when the run of the night that
 * ended (yesterday in allot.schedule.zone) failed, or the newest completed run finished longer
 * than allot.metrics.stale-after ago (the schedule stopped firing or every run fails); else UP.
 * A fresh install with no run yet is UP.
 */
public final class HealthCheck {
  /** The verdict and one line per check. */
  public record Health(String status, List<String> checks) {
    public boolean up() {
      return status.equals("UP");
    }

    public String text() {
      return status + "\n" + String.join("\n", checks) + "\n";
    }
  }

  private final JdbcTemplate jdbc;
  private final ZoneId zone;
  private final Duration staleAfter;
  private final Clock clock;

  public HealthCheck(JdbcTemplate jdbc, ZoneId zone, Duration staleAfter, Clock clock) {
    this.jdbc = jdbc;
    this.zone = zone;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  public Health check() {
    List<String> checks = new ArrayList<>();
    try {
      jdbc.queryForObject("SELECT 1", Integer.class);
      checks.add("database: UP");
    } catch (RuntimeException e) {
      checks.add("database: DOWN (" + firstLine(e) + ")");
      return new Health("DOWN", checks);
    }
    boolean degraded = false;
    LocalDate expected = LocalDate.now(clock.withZone(zone)).minusDays(1);
    // The newest execution of the date's newest run: run_id is the Spring Batch job instance id.
    List<Map<String, Object>> last = jdbc.queryForList("""
        SELECT r.run_id, e.status FROM assignment_run r
        JOIN batch_job_execution e ON e.job_instance_id = r.run_id
        WHERE r.run_date = ? ORDER BY r.run_id DESC, e.job_execution_id DESC LIMIT 1""", expected);
    if (last.isEmpty()) {
      checks.add("run for " + expected + ": not started");
    } else {
      String status = String.valueOf(last.get(0).get("status"));
      boolean failed = status.equals("FAILED") || status.equals("ABANDONED") || status.equals("STOPPED");
      degraded |= failed;
      checks.add("run for " + expected + ": run " + last.get(0).get("run_id") + " " + status
          + (failed ? " (see ./allot sql \"SELECT * FROM run_summary ORDER BY run_id DESC LIMIT 5\")" : ""));
    }
    java.sql.Timestamp finished = jdbc.queryForObject(
        "SELECT max(finished_at) FROM assignment_run WHERE finished_at IS NOT NULL", java.sql.Timestamp.class);
    if (finished == null) {
      checks.add("last completed run: none yet");
    } else {
      Instant at = finished.toInstant();
      boolean stale = at.isBefore(clock.instant().minus(staleAfter));
      degraded |= stale;
      checks.add("last completed run: finished " + at + (stale ? ", more than allot.metrics.stale-after="
          + staleAfter.toString().substring(2).toLowerCase() + " ago" : ""));
    }
    return new Health(degraded ? "DEGRADED" : "UP", checks);
  }

  /** The driver's own words (they name the host and port) rather than Spring's wrapper. */
  private static String firstLine(Throwable e) {
    Throwable said = e;
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      said = c;
      if (c instanceof java.sql.SQLException) {
        break;
      }
    }
    String m = said.getMessage() == null ? said.getClass().getSimpleName() : said.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
