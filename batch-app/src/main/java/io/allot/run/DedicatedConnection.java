package io.allot.run;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * A connection of its own, with the pool's url and credentials, for state that lives as long as
 * the connection (the run lock): a pooled connection may be retired by the pool's max lifetime.
 */
final class DedicatedConnection {
  private DedicatedConnection() {}

  static Connection open(DataSource ds) throws SQLException {
    if (!(ds instanceof HikariDataSource h)) {
      return ds.getConnection();
    }
    Properties p = new Properties();
    if (h.getUsername() != null) {
      p.setProperty("user", h.getUsername());
    }
    if (h.getPassword() != null && !h.getPassword().isEmpty()) {
      p.setProperty("password", h.getPassword());
    }
    // Detects a dead peer on a connection that is otherwise idle for the whole run.
    p.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(h.getJdbcUrl(), p);
  }
}
