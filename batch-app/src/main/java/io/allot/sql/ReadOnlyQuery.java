package io.allot.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

/**
 * One read-only statement as the {@link SqlRole}: the text is split the way pgjdbc would send it
 * and refused unless it is a single statement (so "COMMIT; ..." cannot end the read-only
 * transaction), the session is read-only as a role default and as a transaction, and the server
 * cancels it after the statement timeout.
 */
public final class ReadOnlyQuery {
  /** Receives the result; runs inside the read-only transaction. */
  public interface ResultHandler {
    void handle(ResultSet rs) throws SQLException;
  }

  private ReadOnlyQuery() {}

  /** @throws IllegalArgumentException with the reason when the text is not exactly one statement */
  public static void requireSingleStatement(String sql) {
    List<NativeQuery> parts;
    try {
      parts = Parser.parseJdbcSql(sql, true, false, true, false, false);
    } catch (SQLException e) {
      throw new IllegalArgumentException("the query cannot be parsed: " + e.getMessage(), e);
    }
    long statements = parts.stream().filter(q -> !q.nativeSql.isBlank()).count();
    if (statements == 0) {
      throw new IllegalArgumentException("the query is empty");
    }
    if (statements > 1) {
      throw new IllegalArgumentException("the query has " + statements + " statements; ./allot sql runs exactly one"
          + " read-only statement (remove the ';' between them)");
    }
  }

  public static void run(String jdbcUrl, String user, String password, Duration timeout, String sql,
      ResultHandler handler) throws SQLException {
    requireSingleStatement(sql);
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null && !password.isBlank()) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "allot sql");
    p.setProperty("options", "-c statement_timeout=" + timeout.toMillis() + " -c default_transaction_read_only=on");
    try (Connection c = DriverManager.getConnection(withoutCredentials(jdbcUrl), p)) {
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION READ ONLY");
        try (ResultSet rs = st.executeQuery(sql)) {
          handler.handle(rs);
        }
      } finally {
        c.rollback();
      }
    }
  }

  /** The url without user= and password= parameters, which would win over the role's. */
  static String withoutCredentials(String jdbcUrl) {
    int q = jdbcUrl.indexOf('?');
    if (q < 0) {
      return jdbcUrl;
    }
    StringBuilder kept = new StringBuilder();
    for (String param : jdbcUrl.substring(q + 1).split("&")) {
      String key = param.split("=", 2)[0].toLowerCase(java.util.Locale.ROOT);
      if (!param.isEmpty() && !key.equals("user") && !key.equals("password")) {
        kept.append(kept.length() == 0 ? "?" : "&").append(param);
      }
    }
    return jdbcUrl.substring(0, q) + kept;
  }
}
