package io.allot.publish;

import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Statements that take a lock serving readers also hold (ACCESS EXCLUSIVE on current_run, locks
 * on assignment's partitions) run with a short lock_timeout and are retried a bounded number of
 * times. A lock request that waits queues every later reader behind it, so one long reader
 * transaction would otherwise stall serving for as long as it stays open.
 */
public final class ShortLocks {
  /** SQLSTATE lock_not_available: lock_timeout expired. */
  static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final Logger log = LoggerFactory.getLogger(ShortLocks.class);

  /** One try: runs with the lock timeout set, and undoes its own partial work when it fails. */
  public interface Attempt<T> {
    T run() throws SQLException;
  }

  private ShortLocks() {}

  /** The lock timeout for the current transaction only. */
  public static void setLocal(Statement st, LockProperties p) throws SQLException {
    st.execute("SET LOCAL lock_timeout = '" + p.timeout().toMillis() + "ms'");
  }

  /** The lock timeout for the session (for statements that cannot run in a transaction block). */
  public static void setSession(Statement st, LockProperties p) throws SQLException {
    st.execute("SET lock_timeout = '" + p.timeout().toMillis() + "ms'");
  }

  public static boolean isLockTimeout(SQLException e) {
    return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
  }

  /**
   * Runs {@code attempt} until it succeeds or has failed on the lock timeout {@code attempts}
   * times; each retry is logged.
   *
   * @throws SQLException the attempt's own error, or after the last try one that says which lock
   *     was not granted and how to find the holder
   */
  public static <T> T retry(String what, LockProperties p, Attempt<T> attempt) throws SQLException {
    for (int i = 1; ; i++) {
      try {
        return attempt.run();
      } catch (SQLException e) {
        if (!isLockTimeout(e)) {
          throw e;
        }
        if (i >= p.attempts()) {
          throw new SQLException(what + " did not get its lock in " + p.attempts() + " tries of " + p.timeout().toMillis()
              + " ms: a long-running transaction holds it (find it in pg_stat_activity, state 'idle in transaction'"
              + " or an old xact_start); the run resumes here when started again", LOCK_NOT_AVAILABLE, e);
        }
        log.warn("{}: lock not granted within {} ms (try {} of {}); serving readers go first, retrying in {} ms",
            what, p.timeout().toMillis(), i, p.attempts(), p.pause().toMillis());
        try {
          Thread.sleep(p.pause().toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new SQLException(what + " was interrupted while waiting to retry its lock", e);
        }
      }
    }
  }
}
