package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole nightly job as allot_writer, on a database a DBA migrated: three nights, so publish
 * attaches partitions and retention detaches one. PUBLIC keeps no default privileges.
 */
class WriterRoleJobTest {

  @Test
  void theNightlyJobRunsAsTheWriterRole() throws Exception {
    Path data = JobFixture.tempDir("writer-nights");
    LocalDate last = JobFixture.NIGHT;
    JobFixture.generateNights(data, 400, 29, 4);
    String adminUrl = TestDatabase.freshDatabase("writer");
    try (ConfigurableApplicationContext dba = JobFixture.start(adminUrl, JobFixture.tempDir("writer-dba"))) {
      DatabaseRoles.enableLogin(dba.getBean(DataSource.class), "allot_writer", "writer-pw");
    }
    String writerUrl = adminUrl.replace("user=postgres", "user=allot_writer");
    try (ConfigurableApplicationContext app = JobFixture.start(writerUrl, JobFixture.tempDir("writer-work"),
        "--allot.retention.days=1")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("allot_writer");
      NightlyJobLauncher launcher = app.getBean(NightlyJobLauncher.class);
      long firstRun = 0;
      for (LocalDate night = last.minusDays(2); !night.isAfter(last); night = night.plusDays(1)) {
        JobExecution e = launcher.run(new RunRequest(night, 0, new RunSettings(night,
            data.resolve("logs/date=" + night).toString(), data.resolve("logs").toString(),
            data.resolve("outcomes").toString(), 30, "40%")));
        assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
        firstRun = firstRun == 0 ? e.getJobInstance().getInstanceId() : firstRun;
      }
      assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isPositive();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = ?", Long.class,
          "assignment_r" + firstRun)).as("retention detached and dropped the oldest run as the writer").isZero();
    }
    assertThat(publicPrivileges(adminUrl)).as("CONNECT / TEMP / CREATE left to PUBLIC").isEqualTo("f f f");
  }

  private static String publicPrivileges(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); var rs = c.createStatement().executeQuery("""
        SELECT has_database_privilege('public', current_database(), 'CONNECT'),
               has_database_privilege('public', current_database(), 'TEMPORARY'),
               has_schema_privilege('public', 'public', 'CREATE')""")) {
      rs.next();
      return (rs.getBoolean(1) ? "t" : "f") + " " + (rs.getBoolean(2) ? "t" : "f") + " " + (rs.getBoolean(3) ? "t" : "f");
    }
  }
}
