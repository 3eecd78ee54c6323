package io.allot.bandit.nightly;

import io.allot.testing.DriverOnly;
import static org.assertj.core.api.Assertions.assertThat;

import io.allot.bandit.TiUcbSettings;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.AssignmentSolver;
import io.allot.solve.SolveProgressListener;
import io.allot.solve.SolveResult;
import io.allot.solve.SolveSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 60 generated nights through the plain classes of the nightly step and the real solver: a local
 * fine-tuned model whose accuracy rises from 0.6 to 0.9 by night 30 and then stays flat, and an
 * API model steady at 0.85 that costs 20 times more. The budget buys the API model for about 60%
 * of the queries. Every assigned query is evaluated, and the next night folds those outcomes in.
 */
@DriverOnly
class ReplayTest {
  static final int NIGHTS = 60;
  static final int QUERIES = 5000;
  static final LocalDate FIRST = LocalDate.parse("2026-01-01");
  static final String FT = "llama-ft";
  static final String API = "api-large";
  static final List<String> CATALOG = List.of(FT, API);
  static final double[] COST = {0.0001, 0.002};
  static final double BUDGET = QUERIES * (0.6 * COST[1] + 0.4 * COST[0]);
  /** The nightly defaults of conf/application.yml. */
  static final BanditSettings SETTINGS = new BanditSettings(true, new TiUcbSettings(16, 0.05, 1.0, 0.6), 3, 0.01, 0.05, 30);

  static Replay withTiUcb;
  static Replay withoutTiUcb;

  /** True accuracy of each model on night k (1-based). */
  static double accuracy(String model, int night) {
    return model.equals(FT) ? 0.6 + 0.3 * Math.min(night, 30) / 30.0 : 0.85;
  }

  record Replay(double[] ftShare, double[] cost, List<ModelSelection.Event> events) {}

  @BeforeAll
  static void replay() {
    withTiUcb = run(true);
    withoutTiUcb = run(false);
  }

  static Replay run(boolean tiUcb) {
    Random world = new Random(2026);
    double[] difficulty = new double[QUERIES];
    for (int i = 0; i < QUERIES; i++) {
      difficulty[i] = 0.1 * world.nextGaussian();
    }
    List<ModelSelection.Observation> observed = new ArrayList<>();
    double[] share = new double[NIGHTS + 1];
    double[] cost = new double[NIGHTS + 1];
    ModelSelection.Result last = null;
    AssignmentSolver solver = new AssignmentSolver();
    SolveSettings solve = SolveSettings.defaults().withStepLimits(200, 1000).withRandomSeed(42);
    for (int k = 1; k <= NIGHTS; k++) {
      LocalDate night = FIRST.plusDays(k - 1);
      AssignmentProblem p = problem(observed, night, difficulty);
      if (tiUcb) {
        last = ModelSelection.decide(CATALOG, observed, night, SETTINGS);
        p = io.allot.solve.BanditAdjustments.apply(p, last.decisions().stream()
            .map(d -> new QualityAdjustments.Adjustment(d.modelId(), d.qualityShift(), d.explorationShare())).toList());
      }
      SolveResult r = solver.solve(p, BUDGET, solve, SolveProgressListener.NONE);
      cost[k] = r.totalCostUsd();
      long[] served = new long[2];
      double[] correct = new double[2];
      for (int i = 0; i < QUERIES; i++) {
        int j = r.choice()[i];
        served[j]++;
        correct[j] += world.nextDouble() < accuracy(CATALOG.get(j), k) ? 1 : 0;
      }
      share[k] = (double) served[0] / QUERIES;
      for (int j = 0; j < 2; j++) {
        if (served[j] > 0) {
          observed.add(new ModelSelection.Observation(CATALOG.get(j), night, correct[j] / served[j], served[j]));
        }
      }
    }
    return new Replay(share, cost, last == null ? List.of() : last.events());
  }

  /**
   * What the score step would predict: each model's mean outcome over the last 30 nights (0.7
   * before any outcome), moved per query by its difficulty.
   */
  static AssignmentProblem problem(List<ModelSelection.Observation> observed, LocalDate night, double[] difficulty) {
    double[] base = new double[2];
    for (int j = 0; j < 2; j++) {
      String id = CATALOG.get(j);
      double sum = 0;
      long n = 0;
      for (ModelSelection.Observation o : observed) {
        if (o.modelId().equals(id) && !o.night().isBefore(night.minusDays(30))) {
          sum += o.reward() * o.outcomes();
          n += o.outcomes();
        }
      }
      base[j] = n == 0 ? 0.7 : sum / n;
    }
    String[] ids = new String[QUERIES];
    double[] quality = new double[QUERIES * 2];
    double[] cost = new double[QUERIES * 2];
    for (int i = 0; i < QUERIES; i++) {
      ids[i] = "q-" + i;
      for (int j = 0; j < 2; j++) {
        quality[i * 2 + j] = Math.max(0, Math.min(1, base[j] + difficulty[i]));
        cost[i * 2 + j] = COST[j] * (1 + 0.5 * Math.abs(difficulty[i]));
      }
    }
    return new AssignmentProblem(ids, null, CATALOG.toArray(String[]::new), quality, cost);
  }

  static double mean(double[] v, int from, int to) {
    double s = 0;
    for (int k = from; k <= to; k++) {
      s += v[k];
    }
    return s / (to - from + 1);
  }

  @Test
  void theBudgetHoldsEveryNight() {
    for (int k = 1; k <= NIGHTS; k++) {
      assertThat(withTiUcb.cost()[k]).as("night %d", k).isLessThanOrEqualTo(BUDGET + 1e-9);
    }
  }

  @Test
  void theFineTunedModelsShareGrowsOnceItIsBetter() {
    // It passes the API model's 0.85 after night 25.
    double before = mean(withTiUcb.ftShare(), 1, 20);
    double after = mean(withTiUcb.ftShare(), 35, NIGHTS);
    assertThat(after).as("share on nights 35-60 vs 1-20 (%.3f)", before).isGreaterThan(before + 0.3);
    assertThat(after).isGreaterThan(0.9);
  }

  @Test
  void theTrendMovesTrafficEarlierThanTheTrailingMeanAlone() {
    double with = mean(withTiUcb.ftShare(), 26, 40);
    double without = mean(withoutTiUcb.ftShare(), 26, 40);
    System.out.printf("replay: fine-tuned share nights 1-20 %.3f, 26-40 with TI-UCB %.3f, without %.3f, 35-60 %.3f%n",
        mean(withTiUcb.ftShare(), 1, 20), with, without, mean(withTiUcb.ftShare(), 35, NIGHTS));
    assertThat(with).as("ft share on nights 26-40 with TI-UCB vs without (%.3f)", without).isGreaterThan(without + 0.1);
  }

  @Test
  void convergenceIsReportedWithinTheWindowAroundNight30() {
    List<ModelSelection.Event> ft = withTiUcb.events().stream().filter(e -> e.modelId().equals(FT) && e.converged())
        .toList();
    assertThat(ft).as("events: %s", withTiUcb.events()).isNotEmpty();
    System.out.printf("replay: convergence placed at %s, detected with the rewards of %s%n", ft.get(0).changeNight(),
        ft.get(0).detectedNight());
    LocalDate truth = FIRST.plusDays(29);
    int w = SETTINGS.tiUcb().window();
    assertThat(ft.get(0).changeNight()).isBetween(truth.minusDays(w), truth.plusDays(w));
    assertThat(ft.get(0).detectedNight()).isBetween(truth, truth.plusDays(w));
    assertThat(withTiUcb.events()).as("no change on the steady API model").noneMatch(e -> e.modelId().equals(API));
  }
}
