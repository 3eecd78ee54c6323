package io.allot.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.testing.AppInChildProcesses;
import io.allot.testing.ChildAllot;
import io.allot.testing.JobFixture;
import io.allot.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * train-predictor killed with SIGKILL after the models are trained and saved but before the
 * version is recorded, then started again, records the same version, metrics and folder as an
 * uninterrupted training.
 */
@AppInChildProcesses
@Tag("heavy") // about 100 s of child JVMs; docs/testing.md gives the command
class TrainPredictorCrashTest {

  @Test
  void killedAfterTrainingThenRestartedRecordsTheUninterruptedVersion() throws Exception {
    Path data = JobFixture.tempDir("train-crash");
    // 1,000 queries: the labelled history still holds more than min-rows-per-model=100 rows a model.
    JobFixture.generate(data, 1_000, 11, 0);

    String cleanUrl = TestDatabase.freshDatabase("trainclean");
    ChildAllot clean = ChildAllot.start(null, args(data, cleanUrl, JobFixture.tempDir("train-clean-work")));
    assertThat(clean.awaitExit(600)).as(clean.output()).isZero();

    String crashUrl = TestDatabase.freshDatabase("traincrash");
    Path crashWork = JobFixture.tempDir("train-crash-work");
    ChildAllot killed = ChildAllot.start("trainPredictor.trained", args(data, crashUrl, crashWork));
    assertThat(killed.awaitPause(600)).as(killed.output()).isEqualTo("trainPredictor.trained");
    killed.killHard();
    ChildAllot resumed = ChildAllot.start(null, args(data, crashUrl, crashWork));
    assertThat(resumed.awaitExit(600)).as(resumed.output()).isZero();

    JdbcTemplate a = jdbc(cleanUrl);
    JdbcTemplate b = jdbc(crashUrl);
    String version = "SELECT version_id, data_from, data_to, labelled_queries, train_rows, test_rows, missing_cells,"
        + " brier, brier_smoothed, beats_smoothed FROM predictor_version ORDER BY 1";
    assertSameRows(b.queryForList(version), a.queryForList(version));
    String metrics = "SELECT model_id, trained, train_rows, test_rows, auc, brier_raw, brier, ece_raw, ece,"
        + " auc_smoothed, brier_smoothed, beats_smoothed FROM predictor_metric ORDER BY 1";
    List<Map<String, Object>> metricRows = b.queryForList(metrics);
    assertThat(metricRows).isNotEmpty();
    assertSameRows(metricRows, a.queryForList(metrics));
    Path saved = Path.of(b.queryForObject("SELECT path FROM predictor_version", String.class));
    assertThat(Files.exists(saved.resolve("predictor.json"))).as("the manifest, written last").isTrue();
  }

  /**
   * Equal rows; doubles to 1e-9, because MLlib's distributed sums are not bit-for-bit the same from
   * one training to the next (observed: differences in the 16th digit).
   */
  private static void assertSameRows(List<Map<String, Object>> actual, List<Map<String, Object>> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < actual.size(); i++) {
      assertThat(actual.get(i).keySet()).isEqualTo(expected.get(i).keySet());
      for (String k : expected.get(i).keySet()) {
        Object want = expected.get(i).get(k);
        Object got = actual.get(i).get(k);
        if (want instanceof Double w && got instanceof Double g) {
          assertThat(g).as("row %d %s", i, k).isCloseTo(w, within(1e-9));
        } else {
          assertThat(got).as("row %d %s", i, k).isEqualTo(want);
        }
      }
    }
  }

  private static List<String> args(Path data, String url, Path work) {
    List<String> args = new ArrayList<>(List.of("train-predictor", "--date", JobFixture.NIGHT.toString(),
        "--log-root", data.resolve("logs").toString(), "--outcomes-root", data.resolve("outcomes").toString()));
    for (String a : JobFixture.appArgs(url, work)) {
      args.addAll(List.of("--set", a.substring(2)));
    }
    for (String s : List.of("allot.predictor.min-rows-per-model=100", "allot.predictor.hash-features=4096",
        "allot.predictor.max-iter=20")) {
      args.addAll(List.of("--set", s));
    }
    return args;
  }

  private static JdbcTemplate jdbc(String url) {
    return new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
  }
}
