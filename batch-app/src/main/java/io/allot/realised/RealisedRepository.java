package io.allot.realised;

import java.sql.Date;
import java.sql.Types;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** run_realised: which runs to compare, their published plan, and each run's rows, replaced whole. */
@Repository
public class RealisedRepository {
  private static final int FETCH = 10_000;

  /** A published run of an earlier night; {@code partitionKept} is false once retention dropped it. */
  public record PublishedRun(long runId, LocalDate runDate, boolean partitionKept) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public RealisedRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Published runs dated in [from, before), oldest first. */
  public List<PublishedRun> published(LocalDate from, LocalDate before) {
    return jdbc.query("""
        SELECT r.run_id, r.run_date,
               EXISTS (SELECT 1 FROM pg_class k WHERE k.relname = 'assignment_r' || r.run_id) AS kept
        FROM assignment_run r
        WHERE r.status = 'PUBLISHED' AND r.run_date >= ? AND r.run_date < ?
        ORDER BY r.run_date, r.run_id""", (rs, i) -> new PublishedRun(rs.getLong(1),
        rs.getDate(2).toLocalDate(), rs.getBoolean(3)), Date.valueOf(from), Date.valueOf(before));
  }

  /** Each option the run offered, with its kind and members in member_no order (formats unknown). */
  public Map<String, OptionRule> options(long runId) {
    Map<String, String> kinds = new LinkedHashMap<>();
    Map<String, List<String>> members = new LinkedHashMap<>();
    jdbc.query("""
        SELECT option_id, model_id, option_kind FROM assignment_option_member WHERE run_id = ?
        ORDER BY option_id, member_no""", rs -> {
          kinds.put(rs.getString(1), rs.getString(3));
          members.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2));
        }, runId);
    Map<String, OptionRule> out = new LinkedHashMap<>();
    kinds.forEach((option, kind) -> out.put(option, new OptionRule(kind, List.copyOf(members.get(option)), null)));
    return out;
  }

  public List<String> queryIds(long runId) {
    return jdbc.queryForList("SELECT query_id FROM assignment WHERE run_id = ?", String.class, runId);
  }

  /** Streams the run's published rows (a cursor: the whole partition is never in memory). */
  public void planned(long runId, Consumer<RealisedComparison.Planned> each) {
    JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
    cursor.setFetchSize(FETCH);
    tx.executeWithoutResult(s -> cursor.query("""
        SELECT query_id, tenant, coalesce(option_id, model_id), model_id, expected_quality, expected_cost_usd
        FROM assignment WHERE run_id = ?""", rs -> {
          each.accept(new RealisedComparison.Planned(rs.getString(1), rs.getString(2), rs.getString(3),
              rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
        }, runId));
  }

  /** Replaces the run's rows in one transaction: a restarted night writes the same rows again. */
  public void replace(long runId, List<RealisedComparison.Cell> cells, double margin, long comparedInRun) {
    tx.executeWithoutResult(s -> {
      jdbc.update("DELETE FROM run_realised WHERE run_id = ?", runId);
      jdbc.batchUpdate("""
          INSERT INTO run_realised (run_id, option_id, tenant, queries_planned, planned_cost_usd, predicted_quality,
              queries_with_outcomes, planned_cost_observed_usd, realised_cost_usd, predicted_quality_observed,
              realised_quality, shortfall_margin, compared_in_run)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", cells, 500, (ps, c) -> {
        ps.setLong(1, runId);
        ps.setString(2, c.optionId());
        ps.setString(3, c.tenant());
        ps.setLong(4, c.queriesPlanned());
        ps.setDouble(5, c.plannedCostUsd());
        ps.setDouble(6, c.predictedQuality());
        ps.setLong(7, c.queriesWithOutcomes());
        ps.setDouble(8, c.plannedCostObservedUsd());
        ps.setDouble(9, c.realisedCostUsd());
        setMean(ps, 10, c.predictedQualityObserved());
        setMean(ps, 11, c.realisedQuality());
        ps.setDouble(12, margin);
        ps.setLong(13, comparedInRun);
      });
    });
  }

  private static void setMean(java.sql.PreparedStatement ps, int i, double v) throws java.sql.SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, Types.DOUBLE);
    } else {
      ps.setDouble(i, v);
    }
  }
}
