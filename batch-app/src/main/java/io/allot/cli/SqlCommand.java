package io.allot.cli;

import io.allot.config.AllotProperties;
import io.allot.config.DatabaseConfig.EmbeddedDatabaseHolder;
import io.allot.config.EmbeddedDatabase;
import io.allot.sql.ReadOnlyQuery;
import io.allot.sql.SqlProperties;
import io.allot.sql.SqlRole;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code allot sql "SELECT ..."}: one read-only statement as the read-only role allot_sql, with a
 * statement timeout, and no migrations (see {@link ReadOnlyQuery}).
 */
@Command(name = "sql", description = "Run one read-only SQL statement against Allot's database (as role allot_sql)"
    + " and print a table.")
class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query, e.g. \"SELECT * FROM run_summary\".")
  String query;

  @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    ReadOnlyQuery.requireSingleStatement(query);
    // Lazy beans: only the embedded server (when it is the database) starts, never the writer's pool.
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(),
        Map.of("spring.flyway.enabled", "false", "spring.main.lazy-initialization", "true"), false)) {
      AllotProperties props = ctx.getBean(AllotProperties.class);
      SqlProperties sql = Binder.get(ctx.getEnvironment())
          .bindOrCreate(SqlProperties.PREFIX, SqlProperties.class);
      String url = props.db().url();
      if (props.db().isEmbedded()) {
        EmbeddedDatabase db = ctx.getBean(EmbeddedDatabaseHolder.class).database();
        url = db.jdbcUrl();
        // The embedded server trusts local connections: its superuser makes the role usable.
        try (Connection admin = DriverManager.getConnection(url)) {
          SqlRole.ensure(admin, true);
        }
      }
      try {
        ReadOnlyQuery.run(url, sql.user(), System.getenv(SqlProperties.PASSWORD_ENV), sql.statementTimeout(), query,
            rs -> TablePrinter.print(rs, System.out, maxRows));
      } catch (SQLException e) {
        if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
          throw new IllegalArgumentException("cannot log in as " + sql.user() + " (" + e.getMessage() + "); set "
              + SqlProperties.PASSWORD_ENV + ", and give the role its password with ./allot db-roles", e);
        }
        if ("08001".equals(e.getSQLState())) {
          throw e;
        }
        throw new IllegalArgumentException("query failed: " + e.getMessage(), e);
      }
    }
    return 0;
  }
}
