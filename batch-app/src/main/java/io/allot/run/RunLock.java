package io.allot.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;

/**
 * Only one Allot process may run a given date. The lock is a PostgreSQL advisory lock held on
 * its own connection, so it is released by the server when the holder dies, even by kill -9.
 * That connection is opened outside the pool (the pool may retire or replace its connections),
 * and every step checks that the lock is still held before it starts ({@link #verifyHeld}): a
 * lost connection releases the lock, and a second process may then have taken the date.
 */
public final class RunLock implements AutoCloseable {
  /** First key of the two-int advisory lock: "Al" in ASCII, to stay clear of other users' locks. */
  static final int LOCK_CLASS = 0x416C;
  /** The locks this process holds, by date, for the steps to check. */
  private static final ConcurrentMap<LocalDate, RunLock> HELD = new ConcurrentHashMap<>();

  /** The trainPredictor job's lock class ("Am"): training a date does not block that date's nightly run. */
  static final int TRAINING_LOCK_CLASS = 0x416D;

  private final Connection connection;
  private final LocalDate date;
  private final int lockClass;

  private RunLock(Connection connection, LocalDate date, int lockClass) {
    this.connection = connection;
    this.date = date;
    this.lockClass = lockClass;
  }

  public static RunLock acquire(DataSource ds, LocalDate date) {
    RunLock lock = acquire(ds, date, LOCK_CLASS, "Allot run", "allot run ");
    HELD.put(date, lock);
    return lock;
  }

  /** One trainPredictor job per date at a time; a second start is refused naming the holder. */
  public static RunLock acquireTraining(DataSource ds, LocalDate date) {
    return acquire(ds, date, TRAINING_LOCK_CLASS, "train-predictor", "allot train-predictor ");
  }

  private static RunLock acquire(DataSource ds, LocalDate date, int lockClass, String what, String appName) {
    Connection c = null;
    try {
      c = DedicatedConnection.open(ds);
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
        ps.setString(1, appName + date + " (pid " + ProcessHandle.current().pid() + ")");
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, lockClass);
        ps.setInt(2, (int) date.toEpochDay());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            String holder = holder(c, date, lockClass);
            c.close();
            throw new RunAlreadyInProgressException("another " + what + " for " + date + " is in progress ("
                + holder + "); this start is refused. Wait for it to finish, then start again to resume.");
          }
        }
      }
      return new RunLock(c, date, lockClass);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new IllegalStateException("cannot take the run lock for " + date + ": " + e.getMessage(), e);
    }
  }

  private static String holder(Connection c, LocalDate date, int lockClass) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.granted""")) {
      ps.setInt(1, lockClass);
      ps.setInt(2, (int) date.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + ", connected since " + rs.getTimestamp(2).toInstant() : "holder unknown";
      }
    }
  }

  /**
   * Checks, before a step of the date's run starts, that this process still holds the date's lock.
   *
   * @throws RunLockLostException when the lock's connection is gone or the lock is not held
   */
  public static void verifyHeld(LocalDate date, String step) {
    RunLock lock = HELD.get(date);
    if (lock == null) {
      throw new RunLockLostException("step " + step + " of the run for " + date + " started without the run lock;"
          + " start runs with ./allot run");
    }
    lock.verify(step);
  }

  private void verify(String step) {
    String why;
    try (PreparedStatement ps = connection.prepareStatement("""
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ?
                       AND granted AND pid = pg_backend_pid())""")) {
      ps.setInt(1, lockClass);
      ps.setInt(2, (int) date.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          return;
        }
        why = "the lock is no longer held";
      }
    } catch (SQLException e) {
      why = "its connection was lost (" + e.getMessage() + ")";
    }
    throw new RunLockLostException("the run lock for " + date + " was lost before step " + step + ": " + why
        + "; another process may now run this date, so this one stops. Start the run again to resume it.");
  }

  @Override
  public void close() {
    HELD.remove(date, this);
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT pg_advisory_unlock(?, ?), set_config('application_name', 'allot', false)")) {
      ps.setInt(1, lockClass);
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

  /** The date's run lock is gone; the run stops before its next step. */
  public static class RunLockLostException extends RuntimeException {
    public RunLockLostException(String message) {
      super(message);
    }
  }
}
