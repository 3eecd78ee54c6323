package io.allot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole nightly job as allot_writer, on a database a DBA migrated: three nights
 * ({@link WriterNights}, shared with RetentionTest), so publish attaches partitions and retention
 * detaches one. PUBLIC keeps no default privileges.
 */
class WriterRoleJobTest {

  @Test
  void theNightlyJobRunsAsTheWriterRole() throws Exception {
    WriterNights nights = WriterNights.get();
    assertThat(nights.jobUser()).isEqualTo("allot_writer");
    assertThat(nights.runIds()).as("three completed runs").hasSize(3);
    JdbcTemplate jdbc = nights.jdbc();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class)).isPositive();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = ?", Long.class,
        "assignment_r" + nights.runIds().get(0))).as("retention detached and dropped the oldest run as the writer")
        .isZero();
    assertThat(publicPrivileges(nights.adminUrl())).as("CONNECT / TEMP / CREATE left to PUBLIC").isEqualTo("f f f");
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
