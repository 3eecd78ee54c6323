package io.allot.cli;

import io.allot.sql.SqlRole;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** Password and LOGIN for Allot's roles. The password never reaches a log, an error message or the server's log. */
final class DatabaseRoles {
  private static final Set<String> ROLES = Set.of("allot_writer", "allot_reader", SqlRole.NAME);

  private DatabaseRoles() {}

  static void enableLogin(DataSource ds, String role, String password) throws SQLException {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("unknown role " + role + "; Allot's roles are " + ROLES);
    }
    try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
      if (SqlRole.NAME.equals(role)) {
        SqlRole.ensure(c, false);
      }
      // pgjdbc hashes the password on the client (SCRAM), so the plaintext is never in a statement
      // the server could log.
      c.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
      st.execute("ALTER ROLE " + role + " LOGIN");
    } catch (SQLException e) {
      throw new SQLException("cannot enable login for " + role + " (SQL state " + e.getSQLState()
          + "): does the database user have CREATEROLE?");
    }
  }
}
