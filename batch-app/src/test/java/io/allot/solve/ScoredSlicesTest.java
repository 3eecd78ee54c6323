package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    ModelCatalog catalog = ModelCatalog.load(JobFixture.projectHome().resolve("conf/models.yml"));
    int m = catalog.size();
    int n = QueryBlocks.SIZE + 700;
    Random rnd = new Random(17);
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
      rows.add(RowFactory.create(String.format("q-%06d", i), tenants[i % 3], "qa", prompt, output, null, null, quality,
          cost));
    }
    Path run = JobFixture.tempDir("two-slices");
    Path scored = run.resolve("scored");
    spark.createDataFrame(rows, ScoredSchema.SCHEMA).repartition(3).write().parquet(scored.toString());
    String shifted = catalog.ids().get(1);
    Files.createDirectories(run.resolve(QualityAdjustments.FILE).getParent());
    Files.writeString(run.resolve(QualityAdjustments.FILE), "[{\"model_id\":\"" + shifted
        + "\",\"quality_shift\":0.04,\"exploration_share\":0.05}]");
    NightRules rules = new NightRules(Map.of("acme", new AllotProperties.Tenant(List.of(catalog.ids().get(m - 1)),
        null, null)), Map.of(catalog.ids().get(0), 3_000L));
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

  private static org.assertj.core.data.Offset<Double> relative(double value) {
    return within(1e-6 * Math.abs(value));
  }
}
