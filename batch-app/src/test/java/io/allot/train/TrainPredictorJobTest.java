package io.allot.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.config.SparkSessions;
import io.allot.job.NightlyJobLauncher;
import io.allot.run.RunRepository;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The trainPredictor job on a generated labelled night, then the nightly job of the next night,
 * which must score with that version: real PostgreSQL, real local Spark, real MLlib.
 */
class TrainPredictorJobTest {
  private static final long QUERIES = 2_000;
  private static Path data;
  private static ConfigurableApplicationContext app;
  private static JdbcTemplate jdbc;
  private static JobExecution training;
  private static long runId;

  @BeforeAll
  static void trainThenRun() throws Exception {
    data = JobFixture.tempDir("train");
    JobFixture.generate(data, QUERIES, 11, 0);
    app = JobFixture.start(TestDatabase.freshDatabase("train"), JobFixture.tempDir("work"),
        "--allot.predictor.min-rows-per-model=100", "--allot.predictor.hash-features=4096",
        "--allot.predictor.max-iter=10", "--allot.predictor.promote=always");
    jdbc = app.getBean(JdbcTemplate.class);
    training = app.getBean(TrainPredictorLauncher.class).run(request(JobFixture.NIGHT));
    JobExecution night = app.getBean(NightlyJobLauncher.class).run(new RunRequest(JobFixture.NIGHT, 0,
        new RunSettings(JobFixture.NIGHT, data.resolve("logs/date=" + JobFixture.NIGHT).toString(),
            data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30, "30%")));
    assertThat(night.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    runId = night.getJobInstance().getInstanceId();
  }

  private static TrainPredictorRequest request(LocalDate date) {
    return new TrainPredictorRequest(date, data.resolve("logs").toString(), data.resolve("outcomes").toString(), 30);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void aVersionIsRecordedWithItsDataSpanAndHeldOutMetricsPerModel() {
    assertThat(training.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    long version = training.getJobInstance().getInstanceId();
    Map<String, Object> v = jdbc.queryForMap("SELECT * FROM predictor_version WHERE version_id = ?", version);
    assertThat(v.get("data_to").toString()).isEqualTo(JobFixture.NIGHT.minusDays(1).toString());
    assertThat((Long) v.get("test_rows")).isPositive();
    assertThat(Path.of((String) v.get("path")).resolve("predictor.json")).exists();
    assertThat((Double) v.get("brier_smoothed")).isBetween(0.0, 1.0);
    List<Map<String, Object>> metrics = jdbc.queryForList(
        "SELECT model_id, trained, auc, ece, brier_smoothed FROM predictor_metric WHERE version_id = ?", version);
    assertThat(metrics).extracting(m -> m.get("model_id"))
        .containsExactlyInAnyOrderElementsOf(jdbc.queryForList("SELECT model_id FROM llm_model", String.class));
    for (Map<String, Object> m : metrics) {
      assertThat(m.get("trained")).isEqualTo(true);
      assertThat((Double) m.get("auc")).isBetween(0.0, 1.0);
      assertThat((Double) m.get("ece")).isBetween(0.0, 1.0);
      assertThat((Double) m.get("brier_smoothed")).isBetween(0.0, 1.0);
    }
  }

  @Test
  void theCrossModelStageIsRecordedPerModelAsSavedWithTheVersion() throws Exception {
    long version = training.getJobInstance().getInstanceId();
    Path dir = Path.of(jdbc.queryForObject("SELECT path FROM predictor_version WHERE version_id = ?", String.class,
        version));
    com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(dir.resolve("predictor.json").toFile());
    List<String> saved = new java.util.ArrayList<>();
    manifest.path("models").forEach(n -> saved.add(n.asText()));
    assertThat(manifest.path("cross_model").size()).isEqualTo(saved.size());
    for (int j = 0; j < saved.size(); j++) {
      Map<String, Object> m = jdbc.queryForMap("SELECT cross_intercept, cross_own, cross_mean_logit, brier,"
          + " brier_cross_model FROM predictor_metric WHERE version_id = ? AND model_id = ?", version, saved.get(j));
      com.fasterxml.jackson.databind.JsonNode c = manifest.path("cross_model").path(j);
      assertThat((Double) m.get("cross_intercept")).isEqualTo(c.path(0).asDouble());
      assertThat((Double) m.get("cross_own")).isEqualTo(c.path(1).asDouble());
      assertThat((Double) m.get("cross_mean_logit")).isEqualTo(c.path(2).asDouble());
      assertThat((Double) m.get("brier_cross_model")).isBetween(0.0, 1.0);
    }
    // The run's report shows it beside the held-out metrics.
    Path report = app.getBean(RunRepository.class).load(runId).folder().resolve("report/index.html");
    assertThat(java.nio.file.Files.readString(report)).contains("Brier after the cross-model stage");
  }

  @Test
  void theNightlyRunScoresWithTheNewestVersionAndStaysPinnedToIt() {
    long version = training.getJobInstance().getInstanceId();
    assertThat(jdbc.queryForObject("SELECT predictor_version FROM assignment_run WHERE run_id = ?", Long.class, runId))
        .isEqualTo(version);
    // A version trained later must not change what a restart of this run scores with.
    jdbc.update("INSERT INTO predictor_version (version_id, path, trained_at, data_from, data_to, labelled_queries,"
        + " train_rows, test_rows, missing_cells, brier, brier_smoothed, beats_smoothed, settings)"
        + " VALUES (999, '/nowhere', now() + interval '1 day', ?, ?, 0, 0, 0, 0, 0.3, 0.2, false, '{}')",
        java.sql.Date.valueOf(JobFixture.NIGHT.minusDays(2)), java.sql.Date.valueOf(JobFixture.NIGHT.minusDays(1)));
    try {
      assertThat(app.getBean(PredictorChoice.class).forRun(runId, JobFixture.NIGHT).orElseThrow().version().versionId())
          .isEqualTo(version);
      PredictorRepository repo = app.getBean(PredictorRepository.class);
      assertThat(repo.newestBefore(JobFixture.NIGHT, false).orElseThrow().versionId()).isEqualTo(999);
      // A challenger that lost to the smoothed per-task means is never taken under promote: if-better.
      assertThat(repo.newestBefore(JobFixture.NIGHT, true).map(PredictorVersion::versionId)).isNotEqualTo(
          java.util.Optional.of(999L));
      // Nothing trained on the run's own night or later is offered to it.
      assertThat(repo.newestBefore(JobFixture.NIGHT.minusDays(1), false)).isEmpty();
    } finally {
      jdbc.update("DELETE FROM predictor_version WHERE version_id = 999");
    }
  }

  @Test
  void underIfBetterOnlyModelsThatBeatTheirSmoothedMeanAreScoredByThePredictor() {
    long version = training.getJobInstance().getInstanceId();
    List<String> better = jdbc.queryForList("SELECT model_id FROM predictor_metric WHERE version_id = ? AND trained"
        + " AND brier < brier_smoothed ORDER BY model_id", String.class, version);
    PredictorRepository repo = app.getBean(PredictorRepository.class);
    assertThat(repo.modelsToUse(version, true)).isEqualTo(better);
    assertThat(repo.modelsToUse(version, false)).hasSize(jdbc.queryForObject(
        "SELECT count(*) FROM predictor_metric WHERE version_id = ? AND trained", Integer.class, version));
    // The version counts as beating the smoothed means when any model does.
    assertThat(jdbc.queryForObject("SELECT beats_smoothed FROM predictor_version WHERE version_id = ?", Boolean.class,
        version)).isEqualTo(!better.isEmpty());
  }

  @Test
  void predictedQualityVariesByQueryWithinATaskUnlikeTheSmoothedMeans() {
    String scored = app.getBean(RunRepository.class).load(runId).folder().resolve("score/scored").toString();
    List<Row> rows = app.getBean(SparkSessions.class).get().read().parquet(scored).limit(500).collectAsList();
    String task = rows.get(0).getString(rows.get(0).fieldIndex("task"));
    Set<Double> distinct = new HashSet<>();
    for (Row r : rows) {
      if (r.getString(r.fieldIndex("task")).equals(task)) {
        List<Object> q = r.getList(r.fieldIndex("quality"));
        distinct.add(((Number) q.get(q.size() - 1)).doubleValue());
      }
    }
    assertThat(distinct).as("the last catalog model's predicted quality within task " + task).hasSizeGreaterThan(3);
  }

  @Test
  void trainingWithoutLabelledHistoryFailsNamingTheWindow() throws Exception {
    LocalDate early = JobFixture.NIGHT.minusDays(10);
    JobExecution e = app.getBean(TrainPredictorLauncher.class).run(request(early));
    assertThat(e.getStatus()).isEqualTo(BatchStatus.FAILED);
    assertThat(e.getAllFailureExceptions().get(0).getMessage())
        .contains("no labelled history to train on").contains("30 nights before " + early);
  }
}
