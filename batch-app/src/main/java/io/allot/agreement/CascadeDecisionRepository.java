package io.allot.agreement;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A run's cascade decisions ({@code run_cascade_decision}) and the cost reserve its plan kept
 * ({@code assignment_run.cost_sd_usd}, {@code cost_reserve_usd}), replaced whole so a restarted
 * solve step leaves no stale row.
 */
@Repository
public class CascadeDecisionRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public CascadeDecisionRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * @param costSdUsd standard deviation of the published plan's realised cost
   * @param reserveUsd the part of the budget the plan kept for it
   */
  public void replace(long runId, List<CascadeDecision> decisions, double costSdUsd, double reserveUsd) {
    tx.executeWithoutResult(s -> {
      jdbc.update("DELETE FROM run_cascade_decision WHERE run_id = ?", runId);
      int[] no = {0};
      jdbc.batchUpdate("""
          INSERT INTO run_cascade_decision (run_id, decision_no, task, option_id, offered, reason)
          VALUES (?, ?, ?, ?, ?, ?)""", decisions, 100, (ps, d) -> {
        ps.setLong(1, runId);
        ps.setInt(2, ++no[0]);
        ps.setString(3, d.task());
        ps.setString(4, d.optionId());
        ps.setBoolean(5, d.offered());
        ps.setString(6, d.reason());
      });
      jdbc.update("UPDATE assignment_run SET cost_sd_usd = ?, cost_reserve_usd = ? WHERE run_id = ?", costSdUsd,
          reserveUsd, runId);
    });
  }

  /** The run's decisions in the order they were made (by task, then by cost). */
  public static List<CascadeDecision> load(JdbcTemplate jdbc, long runId) {
    return jdbc.query("SELECT task, option_id, offered, reason FROM run_cascade_decision WHERE run_id = ? "
        + "ORDER BY decision_no", (rs, i) -> new CascadeDecision(rs.getString(1), rs.getString(2), rs.getBoolean(3),
        rs.getString(4)), runId);
  }

  /** cost_sd_usd and cost_reserve_usd of the run (nulls when it planned no cascade options). */
  public static Map<String, Object> reserve(JdbcTemplate jdbc, long runId) {
    return jdbc.queryForMap("SELECT cost_sd_usd, cost_reserve_usd FROM assignment_run WHERE run_id = ?", runId);
  }
}
