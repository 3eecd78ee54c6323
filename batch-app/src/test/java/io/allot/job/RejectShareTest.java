package io.allot.job;

import io.allot.run.RunSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.allot.ingest.RejectedRowsSample;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Too many bad records stop the run with a message; the rejects are kept; a rerun resumes at ingest. */
class RejectShareTest {

  @Test
  void aNightAboveTheRejectLimitFailsThenResumesOnceAllowed() throws Exception {
    Path data = JobFixture.tempDir("dirty-night");
    JobFixture.generate(data, 2_000, 5, 0.03);
    String url = TestDatabase.freshDatabase("rejects");
    Path work = JobFixture.tempDir("rejects-work");
    RunSettings settings = new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(),
        data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30, "20%");

    long runId;
    try (ConfigurableApplicationContext app = JobFixture.start(url, work)) {
      JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, settings));
      assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
      assertThat(e.getAllFailureExceptions().get(0).getMessage())
          .contains("were rejected, above allot.ingest.max-reject-share=0.01")
          .contains("rejected_query WHERE run_id = " + e.getJobInstance().getInstanceId());
      runId = e.getJobInstance().getInstanceId();
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ?", Long.class, runId))
          .isBetween(40L, 80L);
      assertThat(jdbc.queryForObject("SELECT status FROM assignment_run WHERE run_id = ?", String.class, runId))
          .isEqualTo("FAILED");
      assertThat(jdbc.queryForObject("SELECT count(*) FROM current_run", Long.class)).isZero();
    }

    try (ConfigurableApplicationContext app = JobFixture.start(url, work, "--allot.ingest.max-reject-share=0.05")) {
      JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, settings));
      assertThat(e.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      assertThat(e.getJobInstance().getInstanceId()).isEqualTo(runId);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      long rejected = jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ?", Long.class, runId);
      long valid = jdbc.queryForObject("SELECT count(*) FROM current_assignment", Long.class);
      assertThat(valid + rejected).isEqualTo(2_000);
    }
  }

  @Test
  void aNightOfOnlyBadRecordsStopsWithACappedSampleOfRejects() throws Exception {
    Path night = JobFixture.tempDir("all-bad").resolve("date=" + JobFixture.NIGHT);
    java.nio.file.Files.createDirectories(night);
    java.util.List<String> lines = new java.util.ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      lines.add("{\"query_id\":\"q-" + i + "\",\"prompt_tokens\":-1}");
    }
    java.nio.file.Files.write(night.resolve("queries.jsonl"), lines);
    RunSettings settings = new RunSettings(JobFixture.NIGHT, night.toString(), night.getParent().toString(),
        night.getParent().resolve("none").toString(), 30, "20%");
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("allbad"),
        JobFixture.tempDir("all-bad-work"))) {
      JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, settings));
      assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
      long runId = e.getJobInstance().getInstanceId();
      assertThat(e.getAllFailureExceptions().get(0).getMessage()).contains("has no valid queries")
          .contains("the first " + RejectedRowsSample.ROWS + " of 2500 rejects are stored");
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_query WHERE run_id = ?", Long.class, runId))
          .isEqualTo(RejectedRowsSample.ROWS);
      assertThat(jdbc.queryForObject("SELECT min(record_ref) FROM rejected_query WHERE run_id = ?", String.class,
          runId)).isEqualTo("line 1");
    }
  }
}
