package io.allot.cli;

import io.allot.config.SettingException;
import io.allot.run.RunLock;
import io.allot.spark.catalog.CatalogException;
import io.allot.spark.ingest.InputFormatException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * The exit code of a failed command, so a scheduler can tell "fix the input" from "fix the
 * settings", "retry later" and "another run has the date" without reading the log (README,
 * "Operating it"). The first matching class wins, walking the whole cause chain for each.
 */
final class ExitCodes {
  /** Any other failure (a bug, a solver or Spark error that none of the classes below explains). */
  static final int FAILED = 1;
  /** The command line or the night's data: a bad date or budget, an unreadable log, too many rejects. */
  static final int BAD_INPUT = 2;
  /** A setting (application.yml, environment, --set) or the model catalog cannot be used. */
  static final int BAD_CONFIGURATION = 3;
  /** PostgreSQL or the Spark cluster cannot be reached or went away: retrying later may work. */
  static final int INFRASTRUCTURE = 4;
  /** Another process holds the date's run lock: this start was refused, nothing was changed. */
  static final int LOCK_HELD = 5;

  private ExitCodes() {}

  static int of(Throwable failure) {
    if (any(failure, t -> t instanceof RunLock.RunAlreadyInProgressException)) {
      return LOCK_HELD;
    }
    if (any(failure, ExitCodes::unreachable)) {
      return INFRASTRUCTURE;
    }
    if (any(failure, t -> t instanceof SettingException || t instanceof BindException
        || t instanceof CatalogException)) {
      return BAD_CONFIGURATION;
    }
    if (any(failure, t -> t instanceof InputFormatException || t instanceof DateTimeParseException
        || t instanceof IllegalArgumentException)) {
      return BAD_INPUT;
    }
    return FAILED;
  }

  private static boolean unreachable(Throwable t) {
    if (t instanceof SQLException sql) {
      return CliErrors.lostConnection(sql);
    }
    return t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
        || t instanceof RunLock.RunLockLostException;
  }

  private static boolean any(Throwable failure, java.util.function.Predicate<Throwable> test) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (test.test(t)) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (test.test(s)) {
          return true;
        }
      }
    }
    return false;
  }
}
