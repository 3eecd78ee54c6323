package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.agreement.CascadeDecision;
import io.allot.agreement.CascadeOffer;
import io.allot.agreement.EscalationSlopes;
import io.allot.agreement.OfferedCascade;
import io.allot.bandit.nightly.QualityAdjustments;
import io.allot.config.AllotProperties;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoredSchema;
import io.allot.testing.JobFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A run's scored Parquet as a distributed night ({@link ScoredSlices}) on in-process Spark, against
 * the driver path on the same file (the nightly job's own distributed run, on the loopback
 * cluster, is StandaloneClusterTest's).
 */
class ScoredSlicesTest {
  private static final String BUDGET = "30%";
  /** Two slices: one block and 700 queries more. */
  private static final int N = QueryBlocks.SIZE + 700;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SolverSpark.start("local[2]", Map.of("spark.sql.shuffle.partitions", "2"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /**
   * A night of two slices (one block and 700 queries more) from a Parquet of three files, with
   * TI-UCB's shift and quota, SelectLLM triples, a tenant rule and a configured quota: the slices
   * keep the rows' order and build the night's options, so (unpolished, every query contested) the
   * assignment is the driver path's line for line.
   */
  @Test
  void twoSlicesKeepTheFileOrderAndBuildTheNightsOptions() throws Exception {
    ModelCatalog catalog = catalog();
    int m = catalog.size();
    int n = N;
    Path run = JobFixture.tempDir("two-slices");
    Path scored = writeNight(run, catalog, false);
    NightRules rules = rulesAndShift(run, catalog);
    int[] triples = {3};
    SolveSettings unpolished = SolveSettings.defaults().withPolish(false);

    NightProblem.Built built = new NightProblem(catalog).complete(ScoredProblemReader.read(spark, scored, catalog), run,
        triples, rules);
    assertThat(built.problem().minimumQueries(1)).as("TI-UCB's quota").isEqualTo((long) (0.05 * n));
    assertThat(built.problem().optionCount()).as("SelectLLM triples").isGreaterThan(m);
    SolveOutputs driver = new NightlySolve(unpolished, 0, false).solve(1, built.problem(), BudgetSpec.parse(BUDGET),
        run.resolve("driver"), List.of(3), built.kinds(), 0, null);
    SolveOutputs onSpark;
    try (DistributedNight night = ScoredSlices.read(spark, scored, n, catalog, run, triples, rules, 1)) {
      onSpark = new DistributedNightlySolve(unpolished, 0, false).solve(1, night, BudgetSpec.parse(BUDGET),
          run.resolve("spark"), List.of(3), 0, null);
    }
    assertThat(Files.readAllLines(run.resolve("spark").resolve(SolveOutputs.ASSIGNMENTS)))
        .hasSize(n).isEqualTo(Files.readAllLines(run.resolve("driver").resolve(SolveOutputs.ASSIGNMENTS)));
    String banned = catalog.ids().get(m - 1);
    assertThat(Files.readAllLines(run.resolve("spark").resolve(SolveOutputs.ASSIGNMENTS)).stream()
        .map(AssignmentFile::parse).filter(r -> r.tenant().equals("acme")))
        .as("the tenant rule reached both slices").isNotEmpty()
        .noneMatch(r -> List.of(r.optionId().split("\\+")).contains(banned));
    assertThat(onSpark.totalCostUsd()).isCloseTo(driver.totalCostUsd(), relative(driver.totalCostUsd()));
    assertThat(onSpark.expectedQuality()).isCloseTo(driver.expectedQuality(), relative(driver.expectedQuality()));
    assertThat(onSpark.constraints()).extracting(DualPriceRow::kind, DualPriceRow::subject, DualPriceRow::used,
        DualPriceRow::binds).isEqualTo(driver.constraints().stream().map(r -> Tuple.tuple(
            r.kind(), r.subject(), r.used(), r.binds())).toList());
  }

  /**
   * The same two-slice night, with its rules, where the run offers three cascades (two on task qa,
   * one on mcq; margins in three bins and missing on some rows, fitted slopes): the slices build
   * the cascade columns with the escalation rates levelled over the whole night, and the plan keeps
   * its 2 sd reserve by rounds around the distributed solve, the variance summed over the slices.
   * The assignment, cost, quality, standard deviation and reserve are the driver path's, and the
   * shifts pinned in the run folder are the ones the driver path fits.
   */
  @Test
  void cascadeOptionsOnSlicesGiveTheDriverPathsPlanAndReserve() throws Exception {
    ModelCatalog catalog = catalog();
    int m = catalog.size();
    int n = N;
    Path scored = writeNight(JobFixture.tempDir("two-slices-cascades"), catalog, true);
    Path run = scored.getParent();
    CascadeOffer offer = new CascadeOffer(List.of(offered(catalog, "qa", 0, 1, m - 2, 0.35),
        offered(catalog, "qa", 1, 2, m - 3, 0.25), offered(catalog, "mcq", 0, 2, m - 2, 0.3)),
        List.of(new CascadeDecision("qa", "x", true, "test offer")), -1);
    offer.write(run);
    NightRules rules = rulesAndShift(run, catalog);
    int[] triples = {3};
    SolveSettings unpolished = SolveSettings.defaults().withPolish(false);
    double z = BudgetReserve.DEFAULT_Z;

    AssignmentProblem read = ScoredProblemReader.read(spark, scored, catalog);
    NightProblem.Built built = new NightProblem(catalog).complete(read, run, triples, rules,
        ScoredTasks.read(spark.read().parquet(scored.toString()), read));
    SolveOutputs driver = new NightlySolve(unpolished, 0, false).solve(1, built.problem(), BudgetSpec.parse(BUDGET),
        run.resolve("driver"), List.of(3), built.kinds(), z, offer.lines());
    SolveOutputs onSpark;
    try (DistributedNight night = ScoredSlices.read(spark, scored, n, catalog, run, triples, rules, 1)) {
      onSpark = new DistributedNightlySolve(unpolished, 0, false).solve(1, night, BudgetSpec.parse(BUDGET),
          run.resolve("spark"), List.of(3), z, offer.lines());
    }

    assertThat(driver.options()).filteredOn(o -> o.kind().equals(OptionKinds.CASCADE))
        .as("the driver path plans cascades").hasSize(3).anyMatch(o -> o.queries() > 100);
    assertThat(driver.cascades().costSdUsd()).isPositive();
    assertThat(Files.readAllLines(run.resolve("spark").resolve(SolveOutputs.ASSIGNMENTS)))
        .hasSize(n).isEqualTo(Files.readAllLines(run.resolve("driver").resolve(SolveOutputs.ASSIGNMENTS)));
    assertThat(onSpark.totalCostUsd()).isCloseTo(driver.totalCostUsd(), relative(driver.totalCostUsd()));
    assertThat(onSpark.expectedQuality()).isCloseTo(driver.expectedQuality(), relative(driver.expectedQuality()));
    assertThat(onSpark.cascades().costSdUsd()).isCloseTo(driver.cascades().costSdUsd(),
        relative(driver.cascades().costSdUsd()));
    assertThat(onSpark.cascades().reserveUsd()).isCloseTo(driver.cascades().reserveUsd(),
        relative(driver.cascades().reserveUsd()));
    assertThat(onSpark.cascades().decisions()).isEqualTo(driver.cascades().decisions());
    assertThat(driver.totalCostUsd() + driver.cascades().reserveUsd()).as("the reserve is kept")
        .isLessThanOrEqualTo(driver.budgetUsd() + 1e-9);
    assertThat(onSpark.options()).extracting(OptionUse::optionId, OptionUse::kind, OptionUse::queries)
        .isEqualTo(driver.options().stream().map(o -> Tuple.tuple(o.optionId(), o.kind(), o.queries())).toList());
    for (int o = 0; o < driver.options().size(); o++) {
      List<OptionUse.Member> want = driver.options().get(o).members();
      List<OptionUse.Member> got = onSpark.options().get(o).members();
      for (int k = 0; k < want.size(); k++) {
        assertThat(got.get(k).role()).isEqualTo(want.get(k).role());
        assertThat(got.get(k).costUsd()).isCloseTo(want.get(k).costUsd(), relative(want.get(k).costUsd()));
      }
    }
    Map<String, Double> pinned = EscalationRates.Shifts.read(run).shift();
    assertThat(pinned.keySet()).isEqualTo(built.escalationShifts().shift().keySet());
    built.escalationShifts().shift().forEach((key, shift) ->
        assertThat(pinned.get(key)).as(key).isCloseTo(shift, within(1e-9)));
  }

  /**
   * TI-UCB's quality shift and exploration quota on the second model, pinned in the run folder; the
   * rules: acme may not use the last model, the first serves at least 3,000 queries.
   */
  private static NightRules rulesAndShift(Path run, ModelCatalog catalog) throws java.io.IOException {
    String shifted = catalog.ids().get(1);
    Files.createDirectories(run.resolve(QualityAdjustments.FILE).getParent());
    Files.writeString(run.resolve(QualityAdjustments.FILE), "[{\"model_id\":\"" + shifted
        + "\",\"quality_shift\":0.04,\"exploration_share\":0.05}]");
    int m = catalog.size();
    return new NightRules(Map.of("acme", new AllotProperties.Tenant(List.of(catalog.ids().get(m - 1)), null, null)),
        Map.of(catalog.ids().get(0), 3_000L));
  }

  /**
   * The run's scored Parquet of {@link #N} queries in three files, quality and cost per catalog model drawn with a
   * fixed seed; with {@code cascadeTasks}, a third of the rows are task mcq and most have a
   * small-model margin (drawn apart, so the models' figures are those of the night without).
   */
  private static Path writeNight(Path run, ModelCatalog catalog, boolean cascadeTasks) {
    int m = catalog.size();
    int n = N;
    Random rnd = new Random(17);
    Random margins = new Random(23);
    String[] tenants = {"acme", "globex", "initech"};
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long prompt = 50 + rnd.nextInt(400);
      long output = 20 + rnd.nextInt(300);
      List<Double> quality = new ArrayList<>(m);
      List<Double> cost = new ArrayList<>(m);
      for (int j = 0; j < m; j++) {
        quality.add(0.3 + 0.65 * rnd.nextDouble());
        cost.add((j + 1) * 1e-6 * (prompt + output) * (0.5 + rnd.nextDouble()));
      }
      String task = cascadeTasks && i % 3 == 1 ? "mcq" : "qa";
      Double margin = cascadeTasks && margins.nextDouble() < 0.8 ? margins.nextDouble() : null;
      rows.add(RowFactory.create(String.format("q-%06d", i), tenants[i % 3], task, prompt, output, margin, null,
          quality, cost));
    }
    Path scored = run.resolve("scored");
    spark.createDataFrame(rows, ScoredSchema.SCHEMA).repartition(3).write().parquet(scored.toString());
    return scored;
  }

  private static ModelCatalog catalog() {
    return ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml"));
  }

  /** A cascade on task {@code task} whose margin bins escalate more on low margins. */
  private static OfferedCascade offered(ModelCatalog catalog, String task, int first, int second, int escalation,
      double disagree) {
    double[] callRate = new double[catalog.size()];
    callRate[first] = 1;
    callRate[second] = 1;
    callRate[escalation] = disagree;
    List<String> ids = catalog.ids();
    return new OfferedCascade(task, ids.get(first) + "=" + ids.get(second) + "?:" + ids.get(escalation), first,
        second, escalation, "choice", callRate, 0.9, 600, 0.9, 0.001, new double[] {0.3, 0.6},
        new double[] {disagree + 0.15, disagree, disagree - 0.15}, new double[] {0.88, 0.91, 0.94}, 0.2,
        new double[] {200, 200, 200}, new EscalationSlopes(1.2, 0.3, 600, 0.1, 0.05));
  }

  private static org.assertj.core.data.Offset<Double> relative(double value) {
    return within(1e-6 * Math.abs(value));
  }
}
