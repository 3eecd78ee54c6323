package io.allot.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Only one Allot process may run a given date. The lock is a PostgreSQL advisory lock held on
 * its own connection, so it is released by the server when the holder dies, even by kill -9.
 */
public final class RunLock implements AutoCloseable {
  /** First key of the two-int advisory lock: "Al" in ASCII, to stay clear of other users' locks. */
  static final int LOCK_CLASS = 0x416C;

  private final Connection connection;
  private final LocalDate date;

  private RunLock(Connection connection, LocalDate date) {
    this.connection = connection;
    this.date = date;
  }

  public static RunLock acquire(DataSource ds, LocalDate date) {
    Connection c = null;
    try {
      c = ds.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
        ps.setString(1, "allot run " + date + " (pid " + ProcessHandle.current().pid() + ")");
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, LOCK_CLASS);
        ps.setInt(2, (int) date.toEpochDay());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            String holder = holder(c, date);
            c.close();
            throw new RunAlreadyInProgressException("another Allot run for " + date + " is in progress ("
                + holder + "); this start is refused. Wait for it to finish, then start again to resume.");
          }
        }
      }
      return new RunLock(c, date);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IllegalStateException("cannot take the run lock for " + date + ": " + e.getMessage(), e);
    }
  }

  private static String holder(Connection c, LocalDate date) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.granted""")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setInt(2, (int) date.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + ", connected since " + rs.getTimestamp(2).toInstant() : "holder unknown";
      }
    }
  }

  @Override
  public void close() {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT pg_advisory_unlock(?, ?), set_config('application_name', 'allot', false)")) {
      ps.setInt(1, LOCK_CLASS);
      ps.setInt(2, (int) date.toEpochDay());
      ps.execute();
    } catch (SQLException ignored) {
      // The connection is going away; closing it releases the lock anyway.
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to release
      }
    }
  }

  /** A second start for a date that is already running. */
  public static class RunAlreadyInProgressException extends RuntimeException {
    public RunAlreadyInProgressException(String message) {
      super(message);
    }
  }
}
