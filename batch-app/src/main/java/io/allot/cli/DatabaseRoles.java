package io.allot.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;

/** Password and LOGIN for Allot's two roles. The password never reaches a log or an error message. */
final class DatabaseRoles {
  private static final Set<String> ROLES = Set.of("allot_writer", "allot_reader");

  private DatabaseRoles() {}

  static void enableLogin(DataSource ds, String role, String password) throws SQLException {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("unknown role " + role + "; Allot's roles are " + ROLES);
    }
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      st.execute("ALTER ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
    } catch (SQLException e) {
      // pgjdbc may echo the statement; say what failed without it.
      throw new SQLException("cannot enable login for " + role + " (SQL state " + e.getSQLState()
          + "): does the database user have CREATEROLE?");
    }
  }
}
