package io.allot.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one line that says what is wrong, not a stack trace. ALLOT_DEBUG=1 adds
 * the trace for bug reports.
 */
final class CliErrors implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
    String text = ex instanceof JobRunner.JobFailedException ? ex.getMessage() : message(ex);
    cli.getErr().println("allot: error: " + text);
    if ("1".equals(System.getenv("ALLOT_DEBUG"))) {
      ex.printStackTrace(cli.getErr());
    } else {
      cli.getErr().println("(set ALLOT_DEBUG=1 for the stack trace)");
    }
    return ExitCodes.of(ex);
  }

  /** The innermost message that says something, skipping Spring's wrappers. */
  static String message(Throwable t) {
    String best = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.sql.SQLException sql && "08001".equals(sql.getSQLState())) {
        return "cannot connect to PostgreSQL (" + sql.getMessage() + "); check allot.db.url / ALLOT_DB_URL";
      }
      if (c instanceof java.sql.SQLException sql && lostConnection(sql)) {
        return "the connection to PostgreSQL was lost (" + sql.getMessage()
            + "); check that the database is up";
      }
      if (c instanceof org.springframework.boot.context.properties.bind.BindException bind) {
        // A setting of the wrong type: the innermost message says what, only this one says which.
        Object value = bind.getProperty() == null ? null : bind.getProperty().getValue();
        return "setting " + bind.getName() + (value == null ? "" : " is '" + value + "'")
            + (c.getCause() == null ? "" : ": " + message(c.getCause()));
      }
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        best = c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return best == null ? t.getClass().getSimpleName() : best;
  }

  /** SQLSTATE class 08 (connection exception) or 57P01-03 (server shut down or restarting). */
  static boolean lostConnection(java.sql.SQLException e) {
    String state = e.getSQLState();
    return state != null && (state.startsWith("08") || state.startsWith("57P0"))
        || "Connection is closed".equals(e.getMessage());
  }
}
