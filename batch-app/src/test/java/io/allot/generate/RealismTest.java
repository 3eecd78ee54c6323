package io.allot.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.allot.spark.catalog.ModelCatalog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistical shape the rest of Allot relies on, measured from the files alone (every query
 * labelled, so outcomes give each model's correctness on every query).
 */
class RealismTest {
  private static final int N = 20_000;

  @TempDir(factory = TargetTempDirs.class)
  static Path out;
  static ModelCatalog catalog;
  static GeneratedSummary summary;
  static List<JsonNode> queries;
  /** [model][query] in log order. */
  static boolean[][] correct;
  static int small;

  @BeforeAll
  static void generate() {
    catalog = TestData.catalog();
    small = catalog.indexOf(catalog.smallTierModel().orElseThrow().id());
    summary = DemoDataGenerator.generate(GeneratorSettings.defaults(out, N, 3, TestData.DATE)
        .withNights(1).withLabelFraction(1.0), catalog, ProgressListener.NONE);
    queries = ContractTest.parseAll(out.resolve(DemoDataGenerator.queryLogPath(TestData.DATE)));
    List<String> rows = TestData.lines(out.resolve(DemoDataGenerator.outcomesPath(TestData.DATE)));
    assertThat(rows).hasSize(N * catalog.size());
    correct = new boolean[catalog.size()][N];
    for (int r = 0; r < rows.size(); r++) {
      correct[r % catalog.size()][r / catalog.size()] = TestData.parse(rows.get(r)).get("score").doubleValue() == 1.0;
    }
  }

  @Test
  void correctnessIsPositivelyCorrelatedAcrossModels() {
    double sum = 0;
    int pairs = 0;
    for (int a = 0; a < catalog.size(); a++) {
      for (int b = a + 1; b < catalog.size(); b++) {
        double phi = phi(correct[a], correct[b]);
        assertThat(phi).as(catalog.get(a).id() + " vs " + catalog.get(b).id()).isGreaterThan(0.05);
        sum += phi;
        pairs++;
      }
    }
    assertThat(sum / pairs).isGreaterThan(0.15);
  }

  @Test
  void bestModelBeatsTheSmallOneButNotOnEveryTask() {
    double[] acc = new double[catalog.size()];
    int best = 0;
    for (int m = 0; m < catalog.size(); m++) {
      acc[m] = share(correct[m]);
      assertThat(summary.models().get(m).accuracy()).isCloseTo(acc[m], org.assertj.core.data.Offset.offset(1e-12));
      best = acc[m] > acc[best] ? m : best;
    }
    assertThat(acc[best]).isGreaterThan(acc[small] + 0.1);

    int tasksWonByBest = 0;
    for (Task t : Task.values()) {
      int winner = 0;
      for (int m = 0; m < catalog.size(); m++) {
        winner = accuracyOn(m, t) > accuracyOn(winner, t) ? m : winner;
      }
      tasksWonByBest += winner == best ? 1 : 0;
    }
    assertThat(tasksWonByBest).isLessThan(Task.values().length);
    assertThat(accuracyOn(small, Task.CLASSIFY)).isGreaterThan(0.8);
    assertThat(accuracyOn(small, Task.MATH)).isLessThan(0.4);
  }

  @Test
  void smallModelMarginPredictsItsCorrectnessPartly() {
    double[] right = new double[N];
    double[] wrong = new double[N];
    double[] naiveRight = new double[N];
    double[] naiveWrong = new double[N];
    int nr = 0;
    int nw = 0;
    int variants = 0;
    for (int i = 0; i < N; i++) {
      JsonNode top = queries.get(i).get("small_model").get("first_token_top_logprobs");
      double m = TestData.margin(top);
      double naive = top.get(0).get("logprob").asDouble() - top.get(1).get("logprob").asDouble();
      String first = TestData.normalise(top.get(0).get("token").asText());
      variants += first.equals(TestData.normalise(top.get(1).get("token").asText())) ? 1 : 0;
      if (correct[small][i]) {
        naiveRight[nr] = naive;
        right[nr++] = m;
      } else {
        naiveWrong[nw] = naive;
        wrong[nw++] = m;
      }
    }
    right = Arrays.copyOf(right, nr);
    wrong = Arrays.copyOf(wrong, nw);
    assertThat(Arrays.stream(right).average().orElseThrow())
        .isGreaterThan(Arrays.stream(wrong).average().orElseThrow());
    double auc = TestData.auc(right, wrong);
    assertThat(auc).isBetween(0.72, 0.85);
    double naiveAuc = TestData.auc(Arrays.copyOf(naiveRight, nr), Arrays.copyOf(naiveWrong, nw));
    assertThat(naiveAuc).as("variants spoil top-1 minus top-2").isLessThan(auc - 0.01);
    assertThat(summary.smallMarginAuc()).isCloseTo(auc, org.assertj.core.data.Offset.offset(0.01));
    assertThat((double) variants / N).isBetween(0.27, 0.33);
  }

  @Test
  void meanTokenLogprobIsOnlyAWeakSignal() {
    double[] right = new double[N];
    double[] wrong = new double[N];
    int nr = 0;
    int nw = 0;
    for (int i = 0; i < N; i++) {
      JsonNode t = queries.get(i).get("small_model").get("token_logprobs");
      double mean = 0;
      for (JsonNode x : t) {
        mean += x.doubleValue() / t.size();
      }
      if (correct[small][i]) {
        right[nr++] = mean;
      } else {
        wrong[nw++] = mean;
      }
    }
    assertThat(TestData.auc(Arrays.copyOf(right, nr), Arrays.copyOf(wrong, nw))).isBetween(0.55, 0.72);
  }

  /** Hard-hint words show up more where even the strongest models fail, so text carries difficulty. */
  @Test
  void textHintsAtDifficulty() {
    List<String> hard = List.of("ambiguous", "multi-step", "nested", "contradictory", "edge-case",
        "derive", "prove", "optimize", "concurrency", "rigorous", "intricate", "legacy");
    int strong = catalog.size() - 1;
    int[] withHint = new int[2];
    int[] total = new int[2];
    for (int i = 0; i < N; i++) {
      String text = queries.get(i).get("text").textValue();
      int k = correct[strong][i] ? 1 : 0;
      total[k]++;
      withHint[k] += hard.stream().anyMatch(text::contains) ? 1 : 0;
    }
    assertThat((double) withHint[0] / total[0]).isGreaterThan(1.3 * withHint[1] / total[1]);
  }

  @Test
  void tokenCountsAreRealistic() {
    Map<String, Long> byTask = summary.queriesByTask();
    assertThat(byTask.values()).allMatch(c -> c > N / 40);
    double[] classify = prompts("classify");
    double[] summarize = prompts("summarize");
    assertThat(median(classify)).isBetween(200.0, 600.0);
    assertThat(median(summarize)).isBetween(1200.0, 2600.0);
    assertThat(Arrays.stream(summarize).max().orElseThrow()).isGreaterThan(3000);
  }

  private double[] prompts(String task) {
    return queries.stream().filter(q -> q.get("task").textValue().equals(task))
        .mapToDouble(q -> q.get("prompt_tokens").doubleValue()).toArray();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private double accuracyOn(int model, Task t) {
    int n = 0;
    int ok = 0;
    for (int i = 0; i < N; i++) {
      if (queries.get(i).get("task").textValue().equals(t.id())) {
        n++;
        ok += correct[model][i] ? 1 : 0;
      }
    }
    return (double) ok / n;
  }

  private static double share(boolean[] v) {
    int ok = 0;
    for (boolean b : v) {
      ok += b ? 1 : 0;
    }
    return (double) ok / v.length;
  }

  private static double phi(boolean[] a, boolean[] b) {
    double n = a.length;
    double pa = share(a);
    double pb = share(b);
    int both = 0;
    for (int i = 0; i < a.length; i++) {
      both += a[i] && b[i] ? 1 : 0;
    }
    return (both / n - pa * pb) / Math.sqrt(pa * (1 - pa) * pb * (1 - pb));
  }
}
