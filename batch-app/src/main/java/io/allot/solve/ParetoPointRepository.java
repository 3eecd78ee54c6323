package io.allot.solve;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** A run's rows of pareto_point, replaced whole so a rerun of the step leaves no stale level. */
@Repository
public class ParetoPointRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public ParetoPointRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public void replace(long runId, List<SolveOutputs.ParetoPoint> points) {
    tx.executeWithoutResult(s -> {
      jdbc.update("DELETE FROM pareto_point WHERE run_id = ?", runId);
      jdbc.batchUpdate("""
          INSERT INTO pareto_point (run_id, point_no, budget_usd, total_cost_usd, expected_quality, lp_bound, gap,
                                    is_published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", points, 100, (ps, p) -> {
        ps.setLong(1, runId);
        ps.setInt(2, p.pointNo());
        ps.setDouble(3, p.budgetUsd());
        ps.setDouble(4, p.totalCostUsd());
        ps.setDouble(5, p.expectedQuality());
        ps.setDouble(6, p.lpBound());
        ps.setDouble(7, p.gap());
        ps.setBoolean(8, p.published());
      });
    });
  }
}
