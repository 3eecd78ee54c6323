package io.allot.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.run.FaultPoints;
import io.allot.testing.AppInChildProcesses;
import io.allot.testing.ChildAllot;
import io.allot.testing.JobFixture;
import io.allot.testing.UninterruptedNight;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL restarts while a run is publishing: the step fails cleanly with a one-line error,
 * nothing half-published is visible, and starting the run again completes it with the rows of an
 * uninterrupted run (the reference run of {@link UninterruptedNight}, shared with CrashRestartTest).
 */
@AppInChildProcesses
class PostgresRestartDuringPublishTest {

  @Test
  void publishFailsCleanlyAndTheRestartCompletes() throws Exception {
    UninterruptedNight night = UninterruptedNight.get();

    Path pgData = JobFixture.tempDir("pg-restart-data");
    int port = freePort();
    EmbeddedPostgres pg = start(pgData, port);
    try (Connection c = pg.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("CREATE DATABASE allot");
    }
    String url = pg.getJdbcUrl("postgres", "allot");
    Path work = JobFixture.tempDir("pg-restart-work");
    Path resume = JobFixture.tempDir("resume").resolve("go");
    try {
      ChildAllot child = ChildAllot.start("publish.staged", night.runArgs(url, work),
          Map.of(FaultPoints.RESUME_ENV, resume.toString()));
      assertThat(child.awaitPause(300)).as(child.output()).isEqualTo("publish.staged");
      pg.close();
      pg = start(pgData, port);
      Files.createFile(resume);
      assertThat(child.awaitExit(180)).as(child.output()).isEqualTo(4);  // infrastructure failure (README, "Exit codes")
      assertThat(child.output()).contains("allot: error: run").contains("failed:")
          .contains("run the same command again").contains("connection to PostgreSQL was lost")
          .doesNotContain("\tat ");

      JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
      assertThat(jdbc.queryForObject("SELECT count(*) FROM current_run", Long.class)).isZero();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isZero();

      ChildAllot again = ChildAllot.start(null, night.runArgs(url, work));
      assertThat(again.awaitExit(300)).as(again.output()).isZero();
      String sql = "SELECT query_id, model_id, expected_quality, expected_cost_usd FROM current_assignment ORDER BY 1";
      assertThat(jdbc.queryForList(sql)).isNotEmpty()
          .isEqualTo(night.reference().queryForList(sql));
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres start(Path dataDir, int port) throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
