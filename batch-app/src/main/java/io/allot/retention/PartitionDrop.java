package io.allot.retention;

import io.allot.publish.LockProperties;
import io.allot.publish.ShortLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detaches and drops an old run's partition without stalling serving. A plain DETACH PARTITION
 * takes ACCESS EXCLUSIVE on {@code assignment}: behind one open reader transaction it waits, and
 * every later reader of current_assignment queues behind it. DETACH ... CONCURRENTLY (outside a
 * transaction block) only takes SHARE UPDATE EXCLUSIVE, which readers do not conflict with; it
 * then waits for older snapshots, bounded by a short lock_timeout and retried. A detach cut short
 * stays "pending" and is completed with FINALIZE. A partition still in use after the last try is
 * left for the next run's retention, which finds it again.
 */
final class PartitionDrop {
  private static final Logger log = LoggerFactory.getLogger(PartitionDrop.class);
  private static final String QUERY_CANCELED = "57014";

  private PartitionDrop() {}

  /** @return whether the partition is gone */
  static boolean drop(Connection c, String partition, LockProperties locks) throws SQLException {
    if (!c.getAutoCommit()) {
      throw new IllegalStateException("DETACH PARTITION CONCURRENTLY cannot run inside a transaction");
    }
    try (Statement st = c.createStatement()) {
      ShortLocks.setSession(st, locks);
      st.execute("SET statement_timeout = '" + locks.timeout().toMillis() + "ms'");
      try {
        ShortLocks.retry("retention's detach of " + partition, locks, () -> {
          try {
            switch (state(c, partition)) {
              case ATTACHED -> st.execute("ALTER TABLE assignment DETACH PARTITION " + partition + " CONCURRENTLY");
              case DETACH_PENDING -> st.execute("ALTER TABLE assignment DETACH PARTITION " + partition + " FINALIZE");
              case DETACHED -> { }
            }
            st.execute("DROP TABLE IF EXISTS " + partition);
            return null;
          } catch (SQLException e) {
            // The concurrent detach's wait for older snapshots is capped by the statement timeout.
            throw QUERY_CANCELED.equals(e.getSQLState())
                ? new SQLException("waited for older transactions: " + e.getMessage(), "55P03", e) : e;
          }
        });
        return true;
      } catch (SQLException e) {
        if (!ShortLocks.isLockTimeout(e)) {
          throw e;
        }
        log.warn("retention: {} is still read by a long transaction; the next run drops it ({})", partition,
            e.getMessage());
        return false;
      } finally {
        st.execute("RESET lock_timeout");
        st.execute("RESET statement_timeout");
      }
    }
  }

  private enum State { ATTACHED, DETACH_PENDING, DETACHED }

  private static State state(Connection c, String partition) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT i.inhdetachpending FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid WHERE k.relname = ?")) {
      ps.setString(1, partition);
      try (ResultSet rs = ps.executeQuery()) {
        return !rs.next() ? State.DETACHED : rs.getBoolean(1) ? State.DETACH_PENDING : State.ATTACHED;
      }
    }
  }
}
