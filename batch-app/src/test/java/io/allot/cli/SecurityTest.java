package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.testing.ChildAllot;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The serving role reads the serving views and nothing else; secrets stay out of files and logs. */
class SecurityTest {
  private static final String SECRET = "Zq9-not-in-any-log-7Yx";
  private static String url;

  @BeforeAll
  static void migrateAndEnableReader() throws Exception {
    url = TestDatabase.freshDatabase("security");
    try (ConfigurableApplicationContext app = JobFixture.start(url, JobFixture.tempDir("sec-work"))) {
      DatabaseRoles.enableLogin(app.getBean(DataSource.class), "allot_reader", "reader-pw");
      DatabaseRoles.enableLogin(app.getBean(DataSource.class), "allot_sql", SECRET);
    }
  }

  private static Connection asReader() throws SQLException {
    return DriverManager.getConnection(url.replace("user=postgres", "user=allot_reader"), "allot_reader", "reader-pw");
  }

  private static void select(String sql) throws SQLException {
    try (Connection c = asReader()) {
      c.createStatement().executeQuery(sql).close();
    }
  }

  @Test
  void theReaderSeesTheServingViews() throws SQLException {
    select("SELECT query_id, model_id, expected_quality, expected_cost_usd FROM current_assignment");
    select("SELECT * FROM run_summary");
    select("SELECT * FROM run_model_share");
  }

  @Test
  void theReaderCannotReadRawOrStagingTables() {
    for (String table : List.of("assignment", "assignment_run", "rejected_query", "pareto_point", "current_run",
        "batch_job_execution", "flyway_schema_history")) {
      assertThatThrownBy(() -> select("SELECT * FROM " + table)).as(table).hasMessageContaining("permission denied");
    }
  }

  @Test
  void theReaderCannotWrite() {
    assertThatThrownBy(() -> {
      try (Connection c = asReader()) {
        c.createStatement().execute("INSERT INTO llm_model (model_id, kind, price_per_1k_input, price_per_1k_output,"
            + " latency_ms, small_tier) VALUES ('x', 'api', 0, 0, 1, false)");
      }
    }).hasMessageContaining("permission denied");
    assertThatThrownBy(() -> {
      try (Connection c = asReader()) {
        c.createStatement().execute("CREATE TABLE mine (x int)");
      }
    }).hasMessageContaining("permission denied");
    assertThatThrownBy(() -> {
      try (Connection c = asReader()) {
        c.createStatement().execute("UPDATE run_summary SET status = 'FAILED'");
      }
    }).hasMessageContaining("permission denied");
  }

  @Test
  void aPasswordInAConfigFileIsRefused() throws Exception {
    Path yml = JobFixture.tempDir("leaky-conf").resolve("application.yml");
    Files.writeString(yml, "allot:\n  db:\n    password: " + SECRET + "\n");
    assertThatThrownBy(() -> JobFixture.start(url, JobFixture.tempDir("leak-work"),
        "--spring.config.import=file:" + yml).close())
        .rootCause().hasMessageContaining("allot.db.password is set in").hasMessageNotContaining(SECRET);
  }

  @Test
  void aSecretsFileInsideTheCheckoutIsRefused() {
    Path inside = JobFixture.projectHome().resolve("conf/models.yml");
    assertThatThrownBy(() -> JobFixture.start(url, JobFixture.tempDir("sf-work"),
        "--allot.db.secrets-file=" + inside).close())
        .rootCause().hasMessageContaining("is inside the Allot folder");
  }

  @Test
  void thePasswordNeverAppearsInTheOutput() throws Exception {
    List<String> args = List.of("sql", "SELECT count(*) FROM llm_model", "--set", "allot.db.url=" + url,
        "--set", "allot.db.user=postgres", "--set", "allot.work-dir=" + JobFixture.tempDir("leak-child"),
        "--set", "logging.level.com.zaxxer=DEBUG", "--set", "logging.level.org.springframework.jdbc=DEBUG");
    ChildAllot ok = ChildAllot.start(null, args, Map.of("ALLOT_DB_PASSWORD", SECRET, "ALLOT_SQL_PASSWORD", SECRET));
    assertThat(ok.awaitExit(120)).as(ok.output()).isZero();
    assertThat(ok.output()).contains("count").doesNotContain(SECRET);

    List<String> badUrl = List.of("sql", "SELECT 1", "--set", "allot.db.url=jdbc:postgresql://127.0.0.1:1/nowhere",
        "--set", "allot.db.user=someone", "--set", "allot.work-dir=" + JobFixture.tempDir("leak-child-2"));
    ChildAllot failed = ChildAllot.start(null, badUrl, Map.of("ALLOT_DB_PASSWORD", SECRET));
    assertThat(failed.awaitExit(120)).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(failed.output()).contains("allot: error:").doesNotContain(SECRET);
  }
}
