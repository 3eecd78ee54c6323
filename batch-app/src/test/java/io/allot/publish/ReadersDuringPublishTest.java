package io.allot.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Readers polling current_assignment while the next night publishes see one whole run or the other. */
class ReadersDuringPublishTest {

  @Test
  void noReaderEverSeesAPartRun() throws Exception {
    Path data = JobFixture.tempDir("readers-nights");
    LocalDate last = JobFixture.NIGHT;
    DemoDataGenerator.generate(GeneratorSettings.defaults(data, 4_000, 17, last).withNights(3),
        ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml")), ProgressListener.NONE);
    String url = TestDatabase.freshDatabase("readers");
    try (ConfigurableApplicationContext app = JobFixture.start(url, JobFixture.tempDir("readers-work"))) {
      NightlyJobLauncher launcher = app.getBean(NightlyJobLauncher.class);
      assertThat(run(launcher, data, last.minusDays(1))).isEqualTo(BatchStatus.COMPLETED);

      Map<Long, Long> seen = new ConcurrentHashMap<>();
      AtomicLong reads = new AtomicLong();
      AtomicLong mixed = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService readers = Executors.newFixedThreadPool(4);
      List<Future<?>> tasks = new java.util.ArrayList<>();
      for (int r = 0; r < 4; r++) {
        tasks.add(readers.submit(() -> {
          try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement st = c.createStatement()) {
            while (!stop.get()) {
              try (ResultSet rs = st.executeQuery(
                  "SELECT min(run_id), max(run_id), count(*) FROM current_assignment")) {
                rs.next();
                if (rs.getLong(1) != rs.getLong(2)) {
                  mixed.incrementAndGet();
                }
                seen.merge(rs.getLong(1), rs.getLong(3), (a, b) -> a.equals(b) ? a : -1L);
                reads.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      assertThat(run(launcher, data, last)).isEqualTo(BatchStatus.COMPLETED);
      Thread.sleep(200);
      stop.set(true);
      for (Future<?> t : tasks) {
        t.get(30, TimeUnit.SECONDS);
      }
      readers.shutdown();

      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Map<Long, Long> valid = new java.util.HashMap<>();
      jdbc.query("SELECT run_id, queries_valid FROM assignment_run", rs -> {
        valid.put(rs.getLong(1), rs.getLong(2));
      });
      assertThat(reads.get()).isGreaterThan(10);
      assertThat(mixed.get()).isZero();
      assertThat(seen).hasSize(2);
      seen.forEach((runId, count) -> assertThat(count).as("rows seen for run %d", runId).isEqualTo(valid.get(runId)));
    }
  }

  private static BatchStatus run(NightlyJobLauncher launcher, Path data, LocalDate night) throws Exception {
    return launcher.run(new RunRequest(night, 0, new RunSettings(night, data.resolve("logs/date=" + night).toString(),
        data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30, "30%"))).getStatus();
  }
}
