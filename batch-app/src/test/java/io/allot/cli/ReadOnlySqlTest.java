package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.config.EmbeddedDatabase;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./allot sql} cannot write: one statement, as the read-only role allot_sql, with a
 * statement timeout and no migrations, on the embedded default and on a configured server.
 */
class ReadOnlySqlTest {
  private static Path embeddedData;
  private static Path work;

  private record Outcome(int code, String out, String err) {}

  @BeforeAll
  static void folders() {
    embeddedData = JobFixture.tempDir("sql-pg").resolve("pg");
    work = JobFixture.tempDir("sql-work");
  }

  private static Outcome sql(String query, String... settings) {
    List<String> args = new ArrayList<>(List.of("sql", query, "--set", "allot.work-dir=" + work));
    if (settings.length == 0) {
      args.addAll(List.of("--set", "allot.db.embedded.data-dir=" + embeddedData));
    }
    for (String s : settings) {
      args.addAll(List.of("--set", s));
    }
    CommandLine cli = new CommandLine();
    return cli.run(args);
  }

  /** Runs the CLI in this JVM, capturing stdout (TablePrinter) and the error line. */
  private static final class CommandLine {
    Outcome run(List<String> args) {
      picocli.CommandLine cli = AllotMain.commandLine();
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      PrintStream before = System.out;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      try {
        int code = cli.execute(args.toArray(String[]::new));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString());
      } finally {
        System.setOut(before);
      }
    }
  }

  private static boolean embeddedTableExists(String table) throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(embeddedData, 0);
         Connection c = DriverManager.getConnection(db.jdbcUrl());
         ResultSet rs = c.createStatement().executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  @Test
  void aSecondStatementIsRefusedBeforeAnythingRuns() throws Exception {
    Outcome o = sql("COMMIT; CREATE TABLE pwned(i int)");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("the query has 2 statements").doesNotContain("\tat ");
    assertThat(sql("SELECT 1 AS one; ").code()).as("a trailing semicolon is one statement").isZero();
    assertThat(embeddedTableExists("pwned")).isFalse();
  }

  @Test
  void itRunsAsTheReadOnlyRoleNotTheSuperuser() {
    Outcome o = sql("SELECT current_user AS who, rolsuper FROM pg_roles WHERE rolname = current_user");
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("allot_sql").doesNotContain("postgres");
    assertThat(o.out()).containsPattern("allot_sql\\s+\\|?\\s*(f|false)");
  }

  @Test
  void writesAndDdlFail() throws Exception {
    Outcome ddl = sql("CREATE TABLE pwned2(i int)");
    assertThat(ddl.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(ddl.err()).containsAnyOf("read-only transaction", "permission denied");
    Outcome off = sql("SET default_transaction_read_only = off");
    assertThat(off.code()).as("one statement cannot switch read-only off and then write").isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(embeddedTableExists("pwned2")).isFalse();
  }

  @Test
  void copyToProgramIsRefused() throws Exception {
    Path marker = work.resolve("copied-by-server");
    Outcome o = sql("COPY (SELECT 1) TO PROGRAM 'touch " + marker + "'");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).containsAnyOf("permission denied", "read-only transaction", "must be superuser");
    assertThat(Files.exists(marker)).isFalse();
  }

  @Test
  void aLongQueryIsCancelledAtTheStatementTimeout() {
    Outcome o = sql("SELECT pg_sleep(5)", "allot.db.embedded.data-dir=" + embeddedData,
        "allot.sql.statement-timeout=300ms");
    assertThat(o.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(o.err()).contains("statement timeout");
  }

  @Test
  void noMigrationsRun() throws Exception {
    sql("SELECT 1 AS one");
    assertThat(embeddedTableExists("flyway_schema_history")).isFalse();
  }

  @Test
  void onAConfiguredServerItLogsInAsTheSqlRole() throws Exception {
    String url = TestDatabase.freshDatabase("sqlrole");
    try (ConfigurableApplicationContext app = JobFixture.start(url, JobFixture.tempDir("sqlrole-work"))) {
      DatabaseRoles.enableLogin(app.getBean(DataSource.class), "allot_sql", "sql-pw");
    }
    String[] settings = {"allot.db.url=" + url, "allot.db.user=postgres"};
    Outcome read = sql("SELECT current_user AS who, count(*) AS models FROM llm_model", settings);
    assertThat(read.code()).as(read.err()).isZero();
    assertThat(read.out()).contains("allot_sql");
    Outcome delete = sql("DELETE FROM llm_model", settings);
    assertThat(delete.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(delete.err()).containsAnyOf("read-only transaction", "permission denied");
  }
}
