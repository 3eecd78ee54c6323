package io.allot.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code allot sql "SELECT ..."}: a read-only query against the configured database. */
@Command(name = "sql", description = "Run a read-only SQL query against Allot's database and print a table.")
class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT * FROM run_summary\".")
  String query;

  @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(),
        Map.of("spring.flyway.enabled", "true"), false)) {
      DataSource ds = ctx.getBean(DataSource.class);
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
          // The server enforces read-only: an INSERT or DDL fails with its own clear error.
          st.execute("SET TRANSACTION READ ONLY");
          try (ResultSet rs = st.executeQuery(query)) {
            TablePrinter.print(rs, System.out, maxRows);
          }
        } catch (SQLException e) {
          throw new IllegalArgumentException("query failed: " + e.getMessage(), e);
        } finally {
          c.rollback();
        }
      }
    }
    return 0;
  }
}
