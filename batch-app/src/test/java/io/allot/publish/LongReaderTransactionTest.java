package io.allot.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.retention.RetentionPolicy;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A serving reader that keeps a REPEATABLE READ transaction open on current_assignment: publish's
 * switch and retention's detach give up their lock requests after a short lock_timeout (bounded
 * retries) instead of queueing every other reader behind them; once the reader ends, both finish.
 */
class LongReaderTransactionTest {
  private static final LockProperties FAST = new LockProperties(Duration.ofMillis(300), 3, Duration.ofMillis(200));

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)  // before short locks, publish waited for the reader forever
  void publishAndRetentionDoNotStallServingBehindAnOpenReader() throws Exception {
    Path data = JobFixture.tempDir("long-reader-nights");
    LocalDate last = JobFixture.NIGHT;
    JobFixture.generateNights(data, 500, 23, 4);
    String url = TestDatabase.freshDatabase("longreader");
    Path work = JobFixture.tempDir("long-reader-work");
    try (ConfigurableApplicationContext app = JobFixture.start(url, work, "--allot.locks.timeout=300ms",
        "--allot.locks.attempts=3", "--allot.locks.pause=200ms", "--allot.retention.days=1")) {
      NightlyJobLauncher launcher = app.getBean(NightlyJobLauncher.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      long first = run(launcher, data, last.minusDays(2)).getJobInstance().getInstanceId();
      long second = run(launcher, data, last.minusDays(1)).getJobInstance().getInstanceId();

      try (Connection reader = openReader(url); Probe probe = new Probe(url)) {
        JobExecution blocked = launcher.run(request(data, last));
        assertThat(blocked.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(blocked.getAllFailureExceptions().get(0)).hasMessageContaining("did not get its lock in 3 tries");
        assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(second);

        // Retention of the oldest run while the reader still holds its partition: left for later.
        RetentionPolicy retention = new RetentionPolicy(jdbc, work.resolve("runs"), FAST);
        assertThat(retention.prune(last, 1).partitions()).isEmpty();
        assertThat(probe.worstMillis()).as("a serving query while publish and retention retried").isLessThan(3_000);
        assertThat(probe.reads()).isPositive();
        reader.rollback();
      }

      JobExecution resumed = launcher.run(request(data, last));
      assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      long third = resumed.getJobInstance().getInstanceId();
      assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(third);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = ?", Long.class,
          "assignment_r" + first)).as("dropped by the resumed run's retention").isZero();
    }
  }

  /** A serving transaction left open: it read current_assignment, so it holds AccessShare on it all. */
  private static Connection openReader(String url) throws Exception {
    Connection c = DriverManager.getConnection(url, "postgres", "");
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM current_assignment")) {
      rs.next();
      assertThat(rs.getLong(1)).isPositive();
    }
    return c;
  }

  /** Another serving reader, polling point lookups, recording its slowest one. */
  private static final class Probe implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong worst = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final CompletableFuture<Void> loop;

    Probe(String url) {
      loop = CompletableFuture.runAsync(() -> {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
          st.execute("SET statement_timeout = '20s'");
          while (!stop.get()) {
            long t0 = System.nanoTime();
            try (ResultSet rs = st.executeQuery("SELECT model_id FROM current_assignment LIMIT 1")) {
              rs.next();
            }
            worst.accumulateAndGet((System.nanoTime() - t0) / 1_000_000, Math::max);
            reads.incrementAndGet();
            Thread.sleep(20);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }

    long worstMillis() {
      return worst.get();
    }

    long reads() {
      return reads.get();
    }

    @Override
    public void close() throws Exception {
      stop.set(true);
      loop.get(30, TimeUnit.SECONDS);
    }
  }

  private static JobExecution run(NightlyJobLauncher launcher, Path data, LocalDate night) throws Exception {
    JobExecution e = launcher.run(request(data, night));
    assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(BatchStatus.COMPLETED);
    return e;
  }

  private static RunRequest request(Path data, LocalDate night) {
    return new RunRequest(night, 0, new RunSettings(night, data.resolve("logs/date=" + night).toString(),
        data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30, "40%"));
  }
}
