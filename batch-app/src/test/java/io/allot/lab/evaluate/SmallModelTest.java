package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.spark.predict.PredictorSettings;
import io.allot.solve.SolveSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With --small-model, that model is charged on every query and never paid for twice. */
class SmallModelTest {
  @TempDir Path tmp;

  @Test
  void optionTableChargesTheSmallModelOnEveryQueryOnce() {
    RoutingData d = AnswerFixture.make(200, 9);
    int n = d.rows();
    int m = d.modelCount();
    double[] p = new double[n * m];
    OptionTable t = OptionTable.build(d, p, d.costUsd(), new int[0], null, List.of(), null, 0);
    int[] small = new int[n];
    int[] big = new int[n];
    java.util.Arrays.fill(big, 3);
    assertThat(t.realise(small)[0]).isCloseTo(n * 0.001, within(1e-9));
    assertThat(t.realise(big)[0]).isCloseTo(n * (0.001 + 0.05), within(1e-9));
    assertThat(t.estimatedCost[0]).isZero(); // the small model's answer is already paid for
  }

  @Test
  void evaluateWithSmallModelChargesItOnEveryQuery() throws Exception {
    Path train = write(AnswerFixture.make(240, 1), tmp.resolve("train.csv"));
    Path test = write(AnswerFixture.make(100, 2), tmp.resolve("test.csv"));
    EvaluateRequest req = new EvaluateRequest(test, DataFormat.ROUTERBENCH, train, 0.5, 7,
        new int[] {2}, 8, new PredictorSettings(1 << 10, 1, 0.5, 30, 1e-4, 0.3, 7, 5, 2.0),
        SolveSettings.defaults().withPolish(false), "small");
    EvaluationResult r = new EvaluateRunner().run(req);
    RoutingData t = AnswerFixture.make(100, 2);
    double smallCost = 100 * 0.001;
    double smallAccuracy = 0;
    for (int i = 0; i < 100; i++) {
      smallAccuracy += t.score(i, 0) / 100;
    }
    Curve twoTier = r.router(RoutingPlans.TWO_TIER);
    assertThat(twoTier.points().get(0).costUsd()).isCloseTo(smallCost, within(1e-9));
    assertThat(twoTier.points().get(0).accuracy()).isCloseTo(smallAccuracy, within(1e-12));
    assertThat(twoTier.points().get(10).costUsd()).isCloseTo(100 * (0.001 + 0.05), within(1e-9));
    for (Curve c : r.routers()) {
      for (Curve.Point pt : c.points()) {
        assertThat(pt.costUsd()).as(c.name()).isGreaterThanOrEqualTo(smallCost - 1e-9);
      }
    }
    assertThat(r.routers().stream().map(Curve::name)).contains(RoutingPlans.CASCADES);
  }

  @Test
  void unknownSmallModelIsNamed() throws Exception {
    Path f = write(AnswerFixture.make(60, 1), tmp.resolve("d.csv"));
    EvaluateRequest req = new EvaluateRequest(f, DataFormat.ROUTERBENCH, null, 0.5, 7,
        new int[0], 8, PredictorSettings.defaults(), SolveSettings.defaults(), "tiny");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EvaluateRunner().run(req))
        .hasMessageContaining("--small-model 'tiny' is not one of the file's models");
  }

  /** The fixture as a RouterBench CSV with answer columns. */
  static Path write(RoutingData d, Path file) throws Exception {
    List<String> header = new ArrayList<>(List.of("", "sample_id", "prompt"));
    for (String m : d.models()) {
      header.add(m);
      header.add(m + "|total_cost");
      header.add(m + "|model_response");
    }
    StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
    for (int i = 0; i < d.rows(); i++) {
      List<String> cells = new ArrayList<>(List.of(String.valueOf(i), d.ids()[i],
          "\"['" + d.texts()[i] + "']\""));
      for (int j = 0; j < d.modelCount(); j++) {
        cells.add(String.valueOf(d.score(i, j)));
        cells.add(String.format(Locale.ROOT, "%.4f", d.cost(i, j)));
        cells.add("\"['" + d.answer(i, j) + "']\"");
      }
      csv.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, csv.toString());
    return file;
  }
}
