package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.allot.spark.predict.PredictorSettings;
import io.allot.solve.SolveSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate end to end on fixture files with a known truth: the oracle, best single model and
 * empty-cell figures are recomputed here from the fixture's definition, not from the code.
 */
class EvaluateRunnerTest {
  private static final int TEST_ROWS = 21;
  /** Test row 5 has an empty cost cell and must be left out. */
  private static final int LEFT_OUT = 5;
  @TempDir static Path tmp;
  private static EvaluationResult result;
  private static JsonNode json;

  @BeforeAll
  static void run() throws Exception {
    Path train = RoutingFixture.write(tmp.resolve("train.csv"), 90, 0,
        List.of("3:mid", "8:big", "9:cheap|total_cost"));
    Path test = RoutingFixture.write(tmp.resolve("test.csv"), TEST_ROWS, 1000,
        List.of(LEFT_OUT + ":big|total_cost"));
    EvaluateRequest req = new EvaluateRequest(test, DataFormat.ROUTERBENCH, train, 0.5, 7,
        new int[] {2, 3}, 8, new PredictorSettings(1 << 10, 1, 0.05, 30, 1e-4, 0.3, 7, 5, 2.0),
        SolveSettings.defaults().withPolish(false));
    result = new EvaluateRunner().run(req);
    json = EvaluationReport.json(result);
  }

  @Test
  void bestSingleModelIsTheFixturesMostAccurate() {
    int kept = 0;
    int bigRight = 0;
    for (int r = 0; r < TEST_ROWS; r++) {
      if (r != LEFT_OUT) {
        kept++;
        bigRight += (int) RoutingFixture.score(r, 2);
      }
    }
    assertThat(json.get("best_single_model").asText()).isEqualTo("big");
    assertThat(json.get("best_single_accuracy").asDouble()).isCloseTo((double) bigRight / kept, within(1e-12));
    assertThat(json.get("best_single_cost_usd").asDouble()).isCloseTo(0.1 * kept, within(1e-9));
  }

  @Test
  void oracleSendsEachRowToItsCheapestRightModel() {
    double cost = 0;
    int kept = 0;
    for (int r = 0; r < TEST_ROWS; r++) {
      if (r != LEFT_OUT) {
        kept++;
        cost += RoutingFixture.isMaths(r) ? 0.01 : 0.001;
      }
    }
    List<Curve.Point> pts = result.oracle().points();
    Curve.Point last = pts.get(pts.size() - 1);
    assertThat(last.accuracy()).isEqualTo(1.0);
    assertThat(last.costUsd()).isCloseTo(cost, within(1e-9));
    assertThat(pts.get(0).costUsd()).isCloseTo(0.001 * kept, within(1e-9));
    assertThat(json.get("aiq_oracle").asDouble()).isGreaterThan(json.get("aiq_best_single").asDouble());
  }

  @Test
  void emptyCellsAreCountedAndTheirTestRowLeftOut() {
    assertThat(json.get("missing_cells").asLong()).isEqualTo(4);
    assertThat(json.get("missing_cells_by_part").get("train").asLong()).isEqualTo(3);
    assertThat(json.get("test_rows_left_out_for_empty_cells").asInt()).isEqualTo(1);
    assertThat(json.get("test_rows").asInt()).isEqualTo(TEST_ROWS - 1);
  }

  @Test
  void allotLearnsTheTopicsAndBeatsTheBestSingleModelOnCost() {
    // Poems to "cheap" and maths to "mid" is right on every row at about 5.5% of big's cost.
    assertThat(json.get("cost_ratio_at_best_accuracy").isNull()).isFalse();
    assertThat(json.get("cost_ratio_at_best_accuracy").asDouble()).isLessThan(0.3);
    assertThat(json.get("aiq_allot").asDouble()).isGreaterThan(json.get("aiq_random_mix").asDouble());
    for (String key : List.of("0.05", "0.1", "0.25", "0.5")) {
      assertThat(json.get("accuracy_at_cost_ratio").has(key)).isTrue();
    }
    assertThat(json.get("routers").has("kNN (singles)")).isTrue();
  }

  @Test
  void theCrossModelStageIsACandidateThatLearnsTheTopicsToo() {
    // Without answers in the fixture it plans single models only, on the cross-model estimates:
    // the stage keeps what each model's estimate knows about the topics.
    JsonNode crossed = json.get("routers").get(RoutingPlans.CROSSED);
    assertThat(crossed).isNotNull();
    assertThat(json.get("validation_aiq_on_train").has(RoutingPlans.CROSSED)).isTrue();
    assertThat(crossed.get("aiq").asDouble()).isGreaterThan(json.get("aiq_random_mix").asDouble());
    assertThat(crossed.get("cost_ratio_at_best_accuracy").asDouble()).isLessThan(0.3);
  }
}
