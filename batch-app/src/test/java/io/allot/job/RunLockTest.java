package io.allot.job;

import io.allot.run.RunLock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The run lock lives on a connection of its own and is checked before each step; a lost lock stops the run. */
class RunLockTest {
  private static final LocalDate DATE = LocalDate.parse("2026-10-01");

  @Test
  void theLockIsOutsideThePoolAndALostLockIsNoticedBeforeTheNextStep() throws Exception {
    String url = TestDatabase.freshDatabase("runlock");
    try (ConfigurableApplicationContext app = JobFixture.start(url, JobFixture.tempDir("runlock-work"))) {
      HikariDataSource ds = (HikariDataSource) app.getBean(DataSource.class);
      try (RunLock lock = RunLock.acquire(ds, DATE)) {
        assertThat(ds.getHikariPoolMXBean().getActiveConnections()).as("pooled connections in use").isZero();
        RunLock.verifyHeld(DATE, "ingest");

        try (Connection admin = DriverManager.getConnection(url);
             ResultSet rs = admin.createStatement().executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                 + " WHERE application_name LIKE 'allot run " + DATE + "%'")) {
          assertThat(rs.next()).as("the lock's session is visible by its name").isTrue();
        }
        assertThatThrownBy(() -> RunLock.verifyHeld(DATE, "score"))
            .isInstanceOf(RunLock.RunLockLostException.class)
            .hasMessageContaining("the run lock for " + DATE + " was lost before step score")
            .hasMessageContaining("Start the run again to resume it");
        // With the lock gone, another process can take the date: exactly what the check guards against.
        try (RunLock second = RunLock.acquire(ds, DATE)) {
          RunLock.verifyHeld(DATE, "score");
        }
      }
      assertThatThrownBy(() -> RunLock.verifyHeld(DATE, "solve")).hasMessageContaining("without the run lock");
    }
  }
}
