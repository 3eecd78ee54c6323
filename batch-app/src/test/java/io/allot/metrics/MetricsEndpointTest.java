package io.allot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;

/** In serve mode Prometheus can scrape the figures of the last run. */
class MetricsEndpointTest {

  @Test
  void afterARunTheEndpointExportsRowsGapBudgetStepsAndLastSuccess() throws Exception {
    Path data = JobFixture.tempDir("metrics-night");
    JobFixture.generate(data, 600, 21, 0.0);
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("metrics"),
        JobFixture.tempDir("metrics-work"), "--allot.serve.enabled=true", "--allot.schedule.cron=-",
        "--allot.schedule.catch-up=false", "--allot.metrics.port=0")) {
      var exec = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, new RunSettings(
          JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(), data.resolve("logs").toString(),
          data.resolve("outcomes").toString(), 30, "30%")));
      assertThat(exec.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      int port = app.getBean(MetricsServer.class).port();
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("allot_rows_read_total 600.0")
          .contains("allot_rows_scored_total")
          .contains("allot_solve_gap ")
          .contains("allot_budget_used_ratio ")
          .contains("allot_last_success_timestamp_seconds ")
          .contains("allot_step_last_duration_seconds{step=\"solve\"}")
          .contains("allot_step_last_duration_seconds{step=\"publish\"}");
    }
  }
}
