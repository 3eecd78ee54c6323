package io.allot.lab.cascade;

import io.allot.cascade.CascadeNight;
import io.allot.cascade.CascadeNightReader;
import io.allot.cascade.CascadePlan;
import io.allot.cascade.CascadePlanner;
import io.allot.cascade.CascadeSettings;
import io.allot.cascade.SmallModelCalibration;
import io.allot.cascade.SmallModelHistory;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.run.HistoryInputs;
import io.allot.spark.score.ScoringJob;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.AssignmentSolver;
import io.allot.solve.SolveProgressListener;
import io.allot.solve.SolveSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baseline comparison on a labelled night: the two-tier cascade, the solver's assignment (the
 * score step's per-model quality) and random escalation, at several budgets, each scored with the
 * REALISED outcomes of the night's labelled queries. Quality and calibration are learned from the
 * history nights before the date only.
 */
public final class CascadeEvaluation {
  private static final Logger log = LoggerFactory.getLogger(CascadeEvaluation.class);

  /** @param budgetShares budgets as shares of the range from all-small to every query's best predicted model */
  /**
   * @param predictorDir a trained predictor for the solver's quality (null: smoothed per-task means)
   * @param predictorModels the models it scores (empty: all it trained)
   */
  public record Params(Path logRoot, Path outcomesRoot, LocalDate date, int historyDays, List<Double> budgetShares,
      long seed, String calibration, CascadeSettings settings, Path workDir, String predictorDir,
      List<String> predictorModels) {}

  /** One budget level: the three policies side by side. */
  public record Level(double share, double budgetUsd, PolicyScore cascade, PolicyScore solver, PolicyScore random,
      List<TaskScore> tasks) {}

  /** Realised accuracy per task at one level: where the cascade or the solver wins. */
  public record TaskScore(String task, int queries, double cascade, double solver, double random) {}

  public record Result(int evaluatedQueries, long incompleteQueries, long queriesWithoutMargin,
      SmallModelCalibration.Report calibration, double allSmallCostUsd, double allBestCostUsd, List<Level> levels) {}

  private CascadeEvaluation() {}

  /** Checks the inputs before anything starts, so a wrong path or budget fails in a second. */
  public static void check(Params p) {
    for (double s : p.budgetShares()) {
      if (!(s >= 0 && s <= 1)) {
        throw new IllegalArgumentException("--budgets holds " + s * 100 + "%; each must be between 0% and 100%");
      }
    }
    Path night = p.logRoot().resolve("date=" + p.date());
    if (!night.toFile().isDirectory()) {
      throw new IllegalArgumentException("--log-root has no partition " + night);
    }
    if (!p.outcomesRoot().resolve("date=" + p.date()).toFile().isDirectory()) {
      throw new IllegalArgumentException("--outcomes-root has no partition " + p.outcomesRoot().resolve("date="
          + p.date()) + ": cascade-eval scores policies with the night's realised outcomes");
    }
  }

  public static Result run(SparkSession spark, ModelCatalog catalog, Params p) {
    check(p);
    Path night = p.logRoot().resolve("date=" + p.date());
    Path ingest = p.workDir().resolve("ingest");
    IngestJob.run(spark, new IngestJob.Params(night.toString(), catalog, ingest.toString()));
    HistoryInputs history = HistoryInputs.find(p.logRoot(), p.outcomesRoot(), p.date(), p.historyDays());
    if (history.logs().isEmpty()) {
      throw new IllegalArgumentException("--log-root has no history partition in the " + p.historyDays()
          + " days before " + p.date() + ": quality and calibration are learned from earlier nights");
    }
    Path score = p.workDir().resolve("score");
    String valid = ingest.resolve(IngestJob.VALID_DIR).toString();
    ScoringJob.run(spark, new ScoringJob.Params(valid, catalog, history.logs(), history.outcomes(), score.toString(),
        p.predictorDir(), p.predictorModels()));
    CascadeNight all = CascadeNightReader.read(spark, score.resolve(ScoringJob.SCORED_DIR), catalog);
    RealisedOutcomes real = RealisedOutcomes.read(spark, p.outcomesRoot().resolve("date=" + p.date()), catalog, all,
        spark.read().parquet(valid));
    CascadeNight evald = all.subset(real.rows());
    SmallModelCalibration.Fitted cal = SmallModelHistory.read(spark, history.logs(), history.outcomes(), catalog)
        .filter(o -> o.size() >= 2).map(o -> SmallModelCalibration.fit(o, p.calibration(), 0.2)).orElse(null);
    log.info("cascade-eval: {} labelled queries of {} evaluated ({} with incomplete outcomes left out); {}",
        evald.size(), all.size(), real.incomplete(), cal == null ? "no calibration" : cal.report());
    return evaluate(evald, real, cal, p);
  }

  static Result evaluate(CascadeNight night, RealisedOutcomes real, SmallModelCalibration.Fitted cal, Params p) {
    AssignmentProblem problem = night.problem();
    double small = 0;
    double best = 0;
    long withoutMargin = 0;
    for (int i = 0; i < night.size(); i++) {
      small += problem.costUsd(i, night.smallOption());
      best += problem.costUsd(i, bestOption(problem, i));
      withoutMargin += night.hasMargin(i) ? 0 : 1;
    }
    CascadePlanner planner = new CascadePlanner(p.settings());
    AssignmentSolver solver = new AssignmentSolver();
    // The nightly job's default polish limits (conf/application.yml allot.solver.*): the solver users run.
    SolveSettings solve = SolveSettings.defaults().withStepLimits(2_000, 20_000).withRandomSeed(p.seed());
    List<Level> levels = new ArrayList<>();
    for (double share : p.budgetShares()) {
      double budget = small + share * Math.max(0, best - small);
      CascadePlan plan = planner.plan(night, budget, cal == null ? null : cal.calibrator());
      int[] cascade = cascadeChoice(night, plan.escalate(), plan.escalationOption());
      int[] random = cascadeChoice(night, randomEscalation(night, plan, p.seed()), plan.escalationOption());
      int[] solved = solver.solve(problem, budget, solve, SolveProgressListener.NONE).choice();
      Level level = new Level(share, budget, PolicyScore.of(night, real, cascade, night.smallOption()),
          PolicyScore.of(night, real, solved, -1), PolicyScore.of(night, real, random, night.smallOption()),
          byTask(night, real, cascade, solved, random));
      log.info(String.format(Locale.ROOT, "budget %.0f%% ($%.4f): cascade %.4f, solver %.4f, random %.4f",
          share * 100, budget, level.cascade().realisedAccuracy(), level.solver().realisedAccuracy(),
          level.random().realisedAccuracy()));
      levels.add(level);
    }
    return new Result(night.size(), real.incomplete(), withoutMargin, cal == null ? null : cal.report(), small, best,
        List.copyOf(levels));
  }

  private static int[] cascadeChoice(CascadeNight night, boolean[] escalate, int[] escalationOption) {
    int[] choice = new int[night.size()];
    for (int i = 0; i < choice.length; i++) {
      choice[i] = escalate[i] ? escalationOption[i] : night.smallOption();
    }
    return choice;
  }

  /**
   * The paper's random baseline: in each group, as many queries escalated as the cascade escalates,
   * chosen without looking at the margin (queries without a margin are escalated as in the cascade).
   */
  static boolean[] randomEscalation(CascadeNight night, CascadePlan plan, long seed) {
    Random rnd = new Random(seed);
    boolean[] out = new boolean[night.size()];
    java.util.Map<String, List<Integer>> withMargin = new java.util.TreeMap<>();
    java.util.Map<String, Integer> count = new java.util.TreeMap<>();
    for (int i = 0; i < night.size(); i++) {
      String g = night.problem().tenant(i) + '\u0000' + night.tasks()[i];
      if (night.hasMargin(i)) {
        withMargin.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
        count.merge(g, plan.escalate()[i] ? 1 : 0, Integer::sum);
      } else {
        out[i] = plan.escalate()[i];
      }
    }
    for (var e : withMargin.entrySet()) {
      List<Integer> rows = new ArrayList<>(e.getValue());
      java.util.Collections.shuffle(rows, rnd);
      for (int k = 0; k < count.get(e.getKey()); k++) {
        out[rows.get(k)] = true;
      }
    }
    return out;
  }

  private static List<TaskScore> byTask(CascadeNight night, RealisedOutcomes real, int[] cascade, int[] solved,
      int[] random) {
    java.util.Map<String, double[]> t = new java.util.TreeMap<>();
    for (int i = 0; i < night.size(); i++) {
      double[] v = t.computeIfAbsent(night.tasks()[i], x -> new double[4]);
      v[0]++;
      v[1] += real.score(i, cascade[i]);
      v[2] += real.score(i, solved[i]);
      v[3] += real.score(i, random[i]);
    }
    List<TaskScore> out = new ArrayList<>();
    t.forEach((task, v) -> out.add(new TaskScore(task, (int) v[0], v[1] / v[0], v[2] / v[0], v[3] / v[0])));
    return out;
  }

  /** The option with the highest predicted quality (the cheaper one on ties). */
  private static int bestOption(AssignmentProblem p, int i) {
    int best = -1;
    for (int j = 0; j < p.optionCount(); j++) {
      if (p.isAllowed(i, j) && (best < 0 || p.quality(i, j) > p.quality(i, best)
          || p.quality(i, j) == p.quality(i, best) && p.costUsd(i, j) < p.costUsd(i, best))) {
        best = j;
      }
    }
    return best;
  }
}
