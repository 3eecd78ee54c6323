package io.allot.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.AllotApplication;
import io.allot.config.AllotProperties;
import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.solve.DistributedSolveCheck;
import io.allot.solve.SolverSpark;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nightly job against a real Spark standalone cluster (a master and two workers on loopback,
 * started from the Maven jars), with one worker SIGKILLed while the score step runs on it. The
 * published assignment must equal the local-mode run of the same log, row for row. The same cluster
 * runs the distributed solve, which must give the single-machine solve's answer.
 */
class StandaloneClusterTest {
  private static final long QUERIES = 3_000;
  private static Path data;
  private static LoopbackSparkCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    data = JobFixture.tempDir("cluster-night");
    JobFixture.generate(data, QUERIES, 11, 0.002);
    cluster = new LoopbackSparkCluster(JobFixture.tempDir("spark-cluster"));
    try {
      cluster.start(2, 1, "1g");
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Tagged heavy (about 100 s, the in-process lane's largest case: a local night and a cluster
   * night of 3,000 queries); CI keeps the cluster-mode submission (the failing driver below) and
   * the distributed solve on the cluster, and docs/testing.md gives the command that runs it.
   */
  @Tag("heavy")
  @Test
  void losingAWorkerDuringScoringStillPublishesTheLocalModeRows() throws Exception {
    workerLossNight();
  }

  /**
   * The same night with the solve step on the cluster too (allot.solver.distributed.mode=
   * distributed: its own session, handed over from the in-process reader). Tagged heavy: the
   * distributed solve of the small night adds about 30 s to a case CI already pays 70 s for, and CI
   * is at its 10-minute limit; ScoredSlicesTest checks the same slices and answer in-process in CI.
   */
  @Tag("heavy")
  @Test
  void theNightlySolveOnTheClusterGivesTheDriverPathsFigures() throws Exception {
    workerLossNight("--allot.solver.distributed.mode=distributed");
  }

  private void workerLossNight(String... clusterArgs) throws Exception {
    List<Map<String, Object>> local;
    List<Double> localFigures;
    try (ConfigurableApplicationContext app = JobFixture.start(TestDatabase.freshDatabase("local"),
        JobFixture.tempDir("work-local"))) {
      run(app, BatchStatus.COMPLETED);
      local = published(app);
      localFigures = figures(app);
    }

    AtomicReference<Instant> killedAt = new AtomicReference<>();
    try (ConfigurableApplicationContext app = startOnCluster("cluster", "client", clusterArgs)) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Thread killer = new Thread(() -> killWorkerTwoDuringScoring(jdbc, killedAt), "worker-killer");
      killer.start();
      try {
        run(app, BatchStatus.COMPLETED);
      } finally {
        killer.interrupt();
        killer.join();
      }
      assertThat(killedAt.get()).as("worker 2 was killed while the score step ran on it").isNotNull();
      Map<String, Object> score = jdbc.queryForMap(
          "SELECT start_time, end_time FROM batch_step_execution WHERE step_name = 'score'");
      assertThat(((java.sql.Timestamp) score.get("end_time")).toInstant()).isAfter(killedAt.get());
      assertThat(cluster.aliveWorkers()).isEqualTo(1);
      List<Map<String, Object>> onCluster = published(app);
      assertThat(onCluster).hasSize(local.size());
      assertThat(local.size()).isGreaterThan((int) (QUERIES * 0.99));
      assertThat(onCluster).isEqualTo(local);
      // Every query contested (3,000 <= max-polish-queries): the run's figures, Pareto front and
      // constraints as the driver path recorded them.
      List<Double> clusterFigures = figures(app);
      assertThat(clusterFigures).hasSameSizeAs(localFigures);
      for (int k = 0; k < localFigures.size(); k++) {
        assertThat(clusterFigures.get(k)).as("figure %d", k)
            .isCloseTo(localFigures.get(k), org.assertj.core.data.Offset.offset(1e-6 * Math.abs(localFigures.get(k))));
      }
    }
  }

  @Test
  void aDriverThatFailsInClusterModeFailsTheStepThoughSparkSubmitExitsZero() throws Exception {
    try (ConfigurableApplicationContext app = startOnCluster("clusterfail", "cluster")) {
      AllotProperties props = app.getBean(AllotProperties.class);
      // The log path does not exist: the driver, on a worker, throws and the master records FAILED.
      RunSettings missing = new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=2026-11-21").toString(),
          data.resolve("logs").toString(), data.resolve("outcomes").toString(), props.input().historyDays(), "30%");
      JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, missing));
      assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
      String message = e.getAllFailureExceptions().get(0).getMessage();
      assertThat(message).contains("ended FAILED").contains(cluster.masterUrl()).contains("ingest");
    }
  }

  /**
   * allot.predictor.encoder=minilm on the executors: the in-process scored rows (EncoderScoringCase).
   * Tagged heavy (about 200 s: the encoder on every executor of a submitted score job), so `./mvnw
   * test` leaves it out; docs/testing.md gives the command that runs it.
   */
  @Tag("heavy")
  @Test
  void scoringWithQueryEmbeddingsOnTheClusterGivesTheLocalRows() throws Exception {
    try (ConfigurableApplicationContext app = startOnCluster("encoder", "client")) {
      List<List<EncoderScoringCase.Scored>> rows = EncoderScoringCase.localAndClusterRows(app, data);
      List<EncoderScoringCase.Scored> local = rows.get(0);
      List<EncoderScoringCase.Scored> onCluster = rows.get(1);
      assertThat(local).hasSizeGreaterThan((int) (EncoderScoringCase.QUERIES * 0.99));
      assertThat(onCluster).extracting(EncoderScoringCase.Scored::queryId)
          .isEqualTo(local.stream().map(EncoderScoringCase.Scored::queryId).toList());
      for (int i = 0; i < local.size(); i++) {
        for (int m = 0; m < local.get(i).quality().size(); m++) {
          assertThat(onCluster.get(i).quality().get(m)).as("%s model %d", local.get(i).queryId(), m)
              .isCloseTo(local.get(i).quality().get(m), within(EncoderScoringCase.TOLERANCE));
        }
      }
      // The predictor scored the first model, not a constant: its estimates follow the words.
      assertThat(local.stream().map(r -> r.quality().get(0)).distinct().count()).isGreaterThan(1);
    }
  }

  @Test
  void theDistributedSolveOnTheClusterGivesTheDriverPathsAnswer() throws Exception {
    SparkSession spark = SolverSpark.start(cluster.masterUrl(), Map.of("spark.executor.memory", "512m",
        "spark.executor.cores", "1"));
    try {
      DistributedSolveCheck.sameAnswerAsTheDriver(spark, JobFixture.tempDir("distributed-solve").resolve("parts"));
    } finally {
      spark.stop();
    }
  }

  /** The app on a fresh database with the loopback cluster as its master (in place of the fixture's local[2]). */
  private static ConfigurableApplicationContext startOnCluster(String name, String deployMode, String... extra) {
    List<String> args = new ArrayList<>(JobFixture.appArgs(TestDatabase.freshDatabase(name),
        JobFixture.tempDir("work-" + name)));
    args.removeIf(a -> a.startsWith("--allot.spark.master="));
    args.addAll(List.of(
        "--allot.spark.master=" + cluster.masterUrl(),
        "--allot.spark.driver-memory=1g",
        "--allot.spark.submit.deploy-mode=" + deployMode,
        "--allot.spark.submit.local-ip=127.0.0.1",
        "--allot.spark.submit.master-web-ui=" + cluster.masterWebUi(),
        "--allot.spark.submit.poll-millis=500",
        "--allot.spark.submit.conf[spark.executor.memory]=512m",
        "--allot.spark.submit.conf[spark.executor.cores]=1",
        // Executors and cluster-mode drivers live for one small job: C1 alone (LoopbackSparkCluster.SHORT_LIVED_JVM).
        "--allot.spark.submit.conf[spark.executor.extraJavaOptions]=" + LoopbackSparkCluster.SHORT_LIVED_JVM,
        "--allot.spark.submit.conf[spark.driver.extraJavaOptions]=" + LoopbackSparkCluster.SHORT_LIVED_JVM));
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(AllotApplication.class).web(WebApplicationType.NONE)
        .properties(Map.of("spring.config.additional-location",
            "optional:file:" + JobFixture.projectHome().resolve("conf") + "/"))
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
  }

  /**
   * Waits until the score step runs and worker 2's executor for the score job has started a task,
   * then SIGKILLs worker 2: its executor goes with it, and the driver must redo its tasks and lost
   * shuffle output on worker 1.
   */
  private static void killWorkerTwoDuringScoring(JdbcTemplate jdbc, AtomicReference<Instant> killedAt) {
    try {
      Set<String> appsBeforeScoring = null;
      while (!Thread.currentThread().isInterrupted()) {
        if (appsBeforeScoring == null) {
          Integer scoring = jdbc.queryForObject("SELECT count(*) FROM batch_step_execution"
              + " WHERE step_name = 'score' AND status = 'STARTED'", Integer.class);
          if (scoring != null && scoring > 0) {
            appsBeforeScoring = cluster.appsOn(2);
          }
        } else if (cluster.runsTasksOfANewApp(2, appsBeforeScoring)) {
          cluster.killWorker(2);
          killedAt.set(Instant.now());
          return;
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run(ConfigurableApplicationContext app, BatchStatus expected) throws Exception {
    AllotProperties props = app.getBean(AllotProperties.class);
    RunSettings settings = new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(),
        data.resolve("logs").toString(), data.resolve("outcomes").toString(), props.input().historyDays(), "30%");
    JobExecution e = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0, settings));
    assertThat(e.getStatus()).as("%s", e.getAllFailureExceptions()).isEqualTo(expected);
  }

  /** The run's cost, quality and bound, its Pareto points, and what each constraint uses. */
  private static List<Double> figures(ConfigurableApplicationContext app) {
    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Map<String, Object> run = jdbc.queryForMap("SELECT total_cost_usd, expected_quality, lp_bound FROM assignment_run");
    List<Double> out = new ArrayList<>();
    run.values().forEach(v -> out.add((Double) v));
    out.addAll(jdbc.queryForList("SELECT total_cost_usd FROM pareto_point ORDER BY point_no", Double.class));
    out.addAll(jdbc.queryForList("SELECT expected_quality FROM pareto_point ORDER BY point_no", Double.class));
    out.addAll(jdbc.queryForList("SELECT used FROM run_dual_price ORDER BY kind, subject", Double.class));
    return out;
  }

  private static List<Map<String, Object>> published(ConfigurableApplicationContext app) {
    return app.getBean(JdbcTemplate.class).queryForList("SELECT query_id, model_id, expected_quality,"
        + " expected_cost_usd, tenant FROM current_assignment ORDER BY query_id");
  }
}
