package io.allot.publish;

import io.allot.solve.OptionUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a run's rows of {@code assignment_option_member}: one per member model of every option
 * the solve offered. Called inside publish's switch transaction, after deleting the run's rows,
 * so a rerun of publish leaves exactly the same rows.
 */
final class OptionMembers {
  private OptionMembers() {}

  static void replace(Connection c, long runId, String stagedPartition, List<OptionUse> options) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM assignment_option_member WHERE run_id = ?")) {
      del.setLong(1, runId);
      del.executeUpdate();
    }
    if (options.isEmpty()) {
      deriveSingles(c, runId, stagedPartition);
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO assignment_option_member (run_id, option_id, member_no, model_id, option_size, queries,
            option_cost_usd, option_quality, cost_usd, member_quality, option_kind, role)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (OptionUse o : options) {
        for (int k = 0; k < o.members().size(); k++) {
          OptionUse.Member m = o.members().get(k);
          ps.setLong(1, runId);
          ps.setString(2, o.optionId());
          ps.setInt(3, k + 1);
          ps.setString(4, m.modelId());
          ps.setInt(5, o.members().size());
          ps.setLong(6, o.queries());
          ps.setDouble(7, o.costUsd());
          setQuality(ps, 8, o.meanQuality(), o.queries());
          ps.setDouble(9, m.costUsd());
          setQuality(ps, 10, m.meanQuality(), o.queries());
          // Summaries written before cascade options have no kind: their options were singles and votes.
          boolean single = o.members().size() == 1;
          ps.setString(11, o.kind() != null ? o.kind() : single ? "single" : "vote");
          ps.setString(12, m.role() != null ? m.role() : single ? "single" : "voter");
          ps.addBatch();
        }
      }
      ps.executeBatch();
    }
  }

  /** Without the solve's option list (benchmarks), every row is a single model: group the loaded rows. */
  private static void deriveSingles(Connection c, long runId, String stagedPartition) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO assignment_option_member (run_id, option_id, member_no, model_id, option_size, queries,
            option_cost_usd, option_quality, cost_usd, member_quality)
        SELECT ?, model_id, 1, model_id, 1, count(*), sum(expected_cost_usd), avg(expected_quality),
               sum(expected_cost_usd), avg(expected_quality)
        FROM\s""" + stagedPartition + " GROUP BY model_id")) {
      ps.setLong(1, runId);
      ps.executeUpdate();
    }
  }

  private static void setQuality(PreparedStatement ps, int index, double mean, long queries) throws SQLException {
    if (queries == 0) {
      ps.setNull(index, java.sql.Types.DOUBLE);
    } else {
      ps.setDouble(index, mean);
    }
  }
}
