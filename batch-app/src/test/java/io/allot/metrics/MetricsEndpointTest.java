package io.allot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * In serve mode Prometheus can scrape the figures of the last run; every run also leaves them in
 * node_exporter's textfile and on a Pushgateway (here an in-process HTTP server); /health checks
 * the database and the last run. One job run serves all of it.
 */
class MetricsEndpointTest {
  private record Push(String method, String path, String contentType, String body) {}

  @Test
  void afterARunTheSeriesAreScrapedWrittenAndPushedAndHealthFollowsTheLastRun() throws Exception {
    Path data = JobFixture.tempDir("metrics-night");
    JobFixture.generate(data, 600, 21, 0.0);
    Path textfile = JobFixture.tempDir("metrics-textfile").resolve("collector/allot.prom");
    List<Push> pushes = new CopyOnWriteArrayList<>();
    HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/", exchange -> {
      pushes.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    gateway.start();
    String url = TestDatabase.freshDatabase("metrics");
    try (ConfigurableApplicationContext app = JobFixture.start(url,
        JobFixture.tempDir("metrics-work"), "--allot.serve.enabled=true", "--allot.schedule.cron=-",
        "--allot.schedule.catch-up=false", "--allot.metrics.port=0", "--allot.metrics.textfile=" + textfile,
        "--allot.metrics.pushgateway-url=http://127.0.0.1:" + gateway.getAddress().getPort() + "/")) {
      var exec = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, new RunSettings(
          JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(), data.resolve("logs").toString(),
          data.resolve("outcomes").toString(), 30, "30%")));
      assertThat(exec.getStatus()).isEqualTo(BatchStatus.COMPLETED);
      int port = app.getBean(MetricsServer.class).port();
      HttpResponse<String> r = get("http://127.0.0.1:" + port + "/metrics");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body())
          .contains("allot_rows_read_total 600.0")
          .contains("allot_rows_scored_total")
          .contains("allot_solve_gap ")
          .contains("allot_budget_used_ratio ")
          .contains("allot_last_success_timestamp_seconds ")
          .contains("allot_step_last_duration_seconds{step=\"solve\"}")
          .contains("allot_step_last_duration_seconds{step=\"publish\"}");

      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      double budget = jdbc.queryForObject("SELECT budget_usd FROM assignment_run", Double.class);
      String model = jdbc.queryForObject("SELECT model_id FROM run_model_share ORDER BY cost_usd DESC LIMIT 1",
          String.class);
      String tenant = jdbc.queryForObject("SELECT min(tenant) FROM assignment", String.class);
      long valid = jdbc.queryForObject("SELECT queries_valid FROM assignment_run", Long.class);

      String written = Files.readString(textfile);
      assertThat(pushes).hasSize(1);
      Push push = pushes.get(0);
      assertThat(push.method()).isEqualTo("PUT");
      assertThat(push.path()).isEqualTo("/metrics/job/allot");
      assertThat(push.contentType()).startsWith("text/plain; version=0.0.4");
      for (String series : List.of(written, push.body())) {
        assertThat(series)
            .contains("allot_last_run_succeeded 1.0")
            .contains("allot_last_run_date_seconds " + (double) JobFixture.NIGHT.atStartOfDay(ZoneOffset.UTC)
                .toEpochSecond())
            .contains("allot_rows_read_total 600.0")
            .contains("allot_last_run_rows_valid " + (double) valid)
            .contains("allot_last_run_rows_rejected 0.0")
            .contains("allot_budget_usd " + budget)
            .contains("allot_solve_gap ")
            .contains("allot_step_last_duration_seconds{step=\"ingest\"}")
            .contains("allot_planned_spend_usd{model=\"" + model + "\"}")
            .contains("allot_tenant_planned_spend_usd{tenant=\"" + tenant + "\"}")
            .contains("# TYPE allot_planned_spend_usd gauge")
            // one night, nothing earlier to compare with its outcomes (RealisedNights checks the figures)
            .contains("allot_realised_runs_compared 0.0").contains("allot_realised_runs_flagged 0.0")
            .doesNotContain("jvm_").doesNotContain("process_");
      }
      assertThat(sum(written, "allot_planned_spend_usd{")).isCloseTo(
          jdbc.queryForObject("SELECT total_cost_usd FROM assignment_run", Double.class),
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(sum(written, "allot_tenant_planned_spend_usd{")).isCloseTo(sum(written, "allot_planned_spend_usd{"),
          org.assertj.core.data.Offset.offset(1e-6));

      HttpResponse<String> health = get("http://127.0.0.1:" + port + "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).startsWith("UP\n").contains("database: UP").contains("last completed run: finished");

      // The morning after the run's night: the expected run is this one.
      Clock morningAfter = Clock.fixed(JobFixture.NIGHT.plusDays(1).atTime(7, 0).toInstant(ZoneOffset.UTC),
          ZoneOffset.UTC);
      HealthCheck.Health ok = new HealthCheck(jdbc, ZoneOffset.UTC, Duration.ofDays(36500), morningAfter).check();
      assertThat(ok.up()).as(ok.text()).isTrue();
      assertThat(ok.text()).contains("run for " + JobFixture.NIGHT + ": run ").contains("COMPLETED");
      HealthCheck.Health stale = new HealthCheck(jdbc, ZoneOffset.UTC, Duration.ofHours(36),
          Clock.offset(Clock.systemUTC(), Duration.ofDays(3))).check();
      assertThat(stale.status()).isEqualTo("DEGRADED");
      assertThat(stale.text()).contains("more than allot.metrics.stale-after=36h ago");
      jdbc.update("UPDATE batch_job_execution SET status = 'FAILED'");
      HealthCheck.Health failed = new HealthCheck(jdbc, ZoneOffset.UTC, Duration.ofDays(36500), morningAfter).check();
      assertThat(failed.status()).isEqualTo("DEGRADED");
      assertThat(failed.text()).contains("run for " + JobFixture.NIGHT).contains("FAILED");
    } finally {
      gateway.stop(0);
    }
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    JdbcTemplate unreachable = new JdbcTemplate(new DriverManagerDataSource(
        "jdbc:postgresql://127.0.0.1:" + closed + "/allot?connectTimeout=2", "postgres", ""));
    HealthCheck.Health down = new HealthCheck(unreachable, ZoneOffset.UTC, Duration.ofHours(36), Clock.systemUTC())
        .check();
    assertThat(down.status()).isEqualTo("DOWN");
    assertThat(down.text()).contains("database: DOWN (Connection to 127.0.0.1:" + closed + " refused");
  }

  private static HttpResponse<String> get(String uri) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The sum of a labelled gauge's samples in an exposition. */
  private static double sum(String exposition, String prefix) {
    return exposition.lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }
}
