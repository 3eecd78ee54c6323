package io.allot.cascade;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** A run's routing_policy and small_model_calibration rows, replaced whole in one transaction. */
@Repository
public class RoutingPolicyRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public RoutingPolicyRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** The budget the solve step resolved for the run, in USD. */
  public double solvedBudgetUsd(long runId) {
    Double b = jdbc.queryForObject("SELECT budget_usd FROM assignment_run WHERE run_id = ?", Double.class, runId);
    if (b == null) {
      throw new IllegalStateException("run " + runId + " has no solved budget yet: the routingPolicy step runs"
          + " after solve");
    }
    return b;
  }

  /** @param calibration null when there were too few labelled outcomes to calibrate */
  public void replace(long runId, List<GroupPolicy> groups, String smallModelId,
      SmallModelCalibration.Report calibration) {
    tx.executeWithoutResult(s -> {
      jdbc.update("DELETE FROM routing_policy WHERE run_id = ?", runId);
      jdbc.update("DELETE FROM small_model_calibration WHERE run_id = ?", runId);
      jdbc.batchUpdate("""
          INSERT INTO routing_policy (run_id, tenant, task, small_model_id, escalation_model_id, margin_threshold,
              escalate_without_margin, queries, queries_without_margin, escalated_queries, expected_escalation_share,
              budget_share_usd, expected_cost_usd, expected_quality)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", groups, 500, (ps, g) -> {
        ps.setLong(1, runId);
        ps.setString(2, g.tenant());
        ps.setString(3, g.task());
        ps.setString(4, g.smallModelId());
        ps.setString(5, g.escalationModelId());
        ps.setDouble(6, g.marginThreshold());
        ps.setBoolean(7, g.escalateWithoutMargin());
        ps.setLong(8, g.queries());
        ps.setLong(9, g.queriesWithoutMargin());
        ps.setLong(10, g.escalated());
        ps.setDouble(11, g.escalationShare());
        ps.setDouble(12, g.budgetShareUsd());
        ps.setDouble(13, g.expectedCostUsd());
        ps.setDouble(14, g.expectedQuality());
      });
      if (calibration != null) {
        SmallModelCalibration.Report c = calibration;
        jdbc.update("""
            INSERT INTO small_model_calibration (run_id, small_model_id, method, fit_rows, held_out_rows,
                rows_without_margin, ece_raw, ece_isotonic, ece_platt, brier_raw, brier_isotonic, brier_platt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", runId, smallModelId, c.method(), c.fitRows(),
            c.heldOutRows(), c.withoutMargin(), c.eceRaw(), c.eceIsotonic(), c.ecePlatt(), c.brierRaw(),
            c.brierIsotonic(), c.brierPlatt());
      }
    });
  }
}
