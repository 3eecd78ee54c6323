package io.allot.solve;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** A run's rows of run_dual_price, replaced whole so a restarted solve step leaves no stale row. */
@Repository
public class DualPriceRepository {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public DualPriceRepository(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public void replace(long runId, List<DualPriceRow> rows) {
    tx.executeWithoutResult(s -> {
      jdbc.update("DELETE FROM run_dual_price WHERE run_id = ?", runId);
      int[] no = {0};
      jdbc.batchUpdate("""
          INSERT INTO run_dual_price (run_id, constraint_no, kind, subject, price, limit_value, used, binds)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows, 100, (ps, r) -> {
        ps.setLong(1, runId);
        ps.setInt(2, no[0]++);
        ps.setString(3, r.kind());
        ps.setString(4, r.subject());
        ps.setDouble(5, r.price());
        ps.setDouble(6, r.limit());
        ps.setDouble(7, r.used());
        ps.setBoolean(8, r.binds());
      });
    });
  }

  public List<DualPriceRow> load(long runId) {
    return jdbc.query("SELECT kind, subject, price, limit_value, used, binds FROM run_dual_price WHERE run_id = ? "
        + "ORDER BY constraint_no", (rs, i) -> new DualPriceRow(rs.getString(1), rs.getString(2), rs.getDouble(3),
        rs.getDouble(4), rs.getDouble(5), rs.getBoolean(6)), runId);
  }
}
