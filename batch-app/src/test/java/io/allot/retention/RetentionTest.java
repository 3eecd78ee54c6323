package io.allot.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.realised.RealisedNights;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Old runs' partitions and folders go; recent runs and the current one stay. */
class RetentionTest {

  @Test
  void runsOlderThanTheRetentionWindowArePruned() throws Exception {
    Path data = JobFixture.tempDir("retention-nights");
    LocalDate last = JobFixture.NIGHT;
    DemoDataGenerator.generate(GeneratorSettings.defaults(data, 400, 9, last).withNights(4).withBadRecordFraction(0.01),
        ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml")), ProgressListener.NONE);
    Path work = JobFixture.tempDir("retention-work");
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("retention"), work,
        "--allot.retention.days=1", "--allot.ingest.max-reject-share=0.05")) {
      NightlyJobLauncher launcher = app.getBean(NightlyJobLauncher.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      List<Long> runIds = new ArrayList<>();
      for (LocalDate night = last.minusDays(2); !night.isAfter(last); night = night.plusDays(1)) {
        var exec = launcher.run(new RunRequest(night, 0, new RunSettings(night,
            data.resolve("logs/date=" + night).toString(), data.resolve("logs").toString(),
            data.resolve("outcomes").toString(), 30, "40%")));
        assertThat(exec.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        runIds.add(exec.getJobInstance().getInstanceId());
      }
      long oldest = runIds.get(0);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname = ?", Long.class,
          "assignment_r" + oldest)).isZero();
      assertThat(jdbc.queryForObject("SELECT pruned_at IS NOT NULL FROM assignment_run WHERE run_id = ?",
          Boolean.class, oldest)).isTrue();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment_option_member WHERE run_id = ?", Long.class,
          oldest)).as("option members of the pruned run").isZero();
      assertThat(Files.exists(work.resolve("runs/" + last.minusDays(2) + "-r" + oldest))).isFalse();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ?", Long.class, oldest))
          .as("the pruned run's reject reasons stay").isPositive();
      assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ? AND raw IS NOT NULL",
          Long.class, oldest)).as("the pruned run's raw query text goes").isZero();
      for (long kept : runIds.subList(1, 3)) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment WHERE run_id = ?", Long.class, kept))
            .isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment_option_member WHERE run_id = ?", Long.class,
            kept)).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ? AND raw IS NOT NULL",
            Long.class, kept)).isPositive();
      }
      assertThat(Files.exists(work.resolve("runs/" + last.minusDays(1) + "-r" + runIds.get(1)))).isTrue();
      assertThat(jdbc.queryForObject("SELECT run_id FROM current_run", Long.class)).isEqualTo(runIds.get(2));
      RealisedNights.verify(app, data, runIds); // the plan against what was served, on the same nights
    }
  }
}
