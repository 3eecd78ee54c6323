package io.allot.solve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.bandit.nightly.QualityAdjustments;
import io.allot.spark.catalog.ModelCatalog;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A run's scored Parquet as a distributed night (docs/scale.md): the slices are built on the
 * executors, each from its own rows, with what {@link NightProblem} applies on the driver path:
 * TI-UCB's quality shifts and quotas, the SelectLLM subsets, the tenant rules and the configured
 * quotas. The driver never holds the rows; it reads the run folder's small files (adjustments,
 * pinned rules) and ships them with the tasks, since executors need not see its disk.
 *
 * <p>Rows keep the file's order, the order the driver path loads them in (Spark's row index over
 * the Parquet partitions), so slice s holds the same queries as the driver's blocks and both paths
 * build the same options in the same order. The night-wide facts a slice cannot see alone (the
 * union of subsets offered, how many queries each model may serve, hence the quotas) come from one
 * Spark job over the slices before they are cached.
 *
 * <p>Cascade options are not built here: a run that offers some is refused by the solve step.
 */
final class ScoredSlices {
  private static final Logger log = LoggerFactory.getLogger(ScoredSlices.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScoredSlices() {}

  /** One scored row, on its way to its slice. */
  private record ScoredRow(String id, String tenant, double[] quality, double[] cost, long tokens)
      implements Serializable {}

  /** A slice's rows as the solver's problem, before the night's transformations. */
  private record Slice(long offset, AssignmentProblem problem) {}

  /** What one slice tells the driver about the night: per model its allowed queries, its subsets in order. */
  private record SliceFacts(long[] allowed, LinkedHashMap<String, int[]> subsets) implements Serializable {}

  /**
   * What every executor applies to its slice, in the driver path's order; {@code minimum} is the
   * night's quotas per option (TI-UCB's and the configured ones).
   */
  private record Recipe(ModelCatalog catalog, BanditAdjustments.Plan plan, int[] subsetSizes,
      LinkedHashMap<String, int[]> subsets, String rulesJson, long[] minimum) implements Serializable {

    AssignmentProblem beforeQuotas(AssignmentProblem scored) {
      AssignmentProblem wide = SubsetProblem.withSubsets(BanditAdjustments.shift(scored, plan), subsetSizes, subsets);
      return ProblemSetup.withTenantRules(wide, catalog, rules().tenants());
    }

    AssignmentProblem complete(AssignmentProblem scored) {
      return beforeQuotas(scored).withNightQuotas(minimum);
    }

    NightRules rules() {
      try {
        return JSON.readValue(rulesJson, NightRules.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot read the pinned rules shipped to a solve task", e);
      }
    }
  }

  /**
   * The night of the run's {@code queries} scored rows, cached on the executors.
   *
   * @param queries the rows' count (the solve step counted them to choose the path)
   * @param runFolder the run folder, read here on the driver only
   * @param sliceBlocks {@code allot.solver.distributed.slice-blocks}
   */
  static DistributedNight read(SparkSession spark, Path scoredDir, long queries, ModelCatalog catalog,
      Path runFolder, int[] subsetSizes, NightRules rules, int sliceBlocks) throws IOException {
    if (queries > Integer.MAX_VALUE) {
      throw new IllegalStateException(String.format(Locale.ROOT, "%,d queries do not fit one solve; split the "
          + "night's log by tenant", queries));
    }
    int n = (int) queries;
    long sliceQueries = SparkQueryPasses.sliceQueries(sliceBlocks);
    int count = SparkQueryPasses.sliceCount(n, sliceQueries);
    JavaRDD<Slice> raw = slices(spark, scoredDir, catalog, n, sliceQueries, count);

    AssignmentProblem empty = ScoredProblemReader.problem(new String[0], new String[0], new double[0], new double[0],
        new long[0], catalog);
    BanditAdjustments.Plan plan = BanditAdjustments.Plan.of(empty, QualityAdjustments.read(runFolder));
    int[] sizes = subsetSizes.clone();
    List<SliceFacts> facts = sparkCall(() -> raw.map(s -> {
      AssignmentProblem shifted = BanditAdjustments.shift(s.problem(), plan);
      return new SliceFacts(BanditAdjustments.allowedCounts(shifted),
          sizes.length == 0 ? new LinkedHashMap<>() : SubsetProblem.union(shifted, sizes));
    }).collect());
    long[] allowed = new long[catalog.size()];
    LinkedHashMap<String, int[]> subsets = new LinkedHashMap<>();
    for (SliceFacts f : facts) {
      for (int j = 0; j < allowed.length; j++) {
        allowed[j] += f.allowed()[j];
      }
      f.subsets().forEach(subsets::putIfAbsent);
    }

    // The night's limits on a query-less problem by the slices' own steps, then the night's quotas.
    Recipe noQuotas = new Recipe(catalog, plan, sizes, subsets, JSON.writeValueAsString(rules), null);
    AssignmentProblem limits = noQuotas.beforeQuotas(empty);
    long[] bandit = BanditAdjustments.quotas(empty, plan, n, allowed);
    long[] minimum = ProblemSetup.withConfiguredQuotas(limits, Arrays.copyOf(bandit, limits.optionCount()),
        rules.quotas(), n);
    Recipe recipe = new Recipe(catalog, plan, sizes, subsets, noQuotas.rulesJson(), minimum);
    log.info(String.format(Locale.ROOT, "distributed night: %,d queries x %d options (%d SelectLLM subsets) in %d "
        + "slices of up to %,d", n, limits.optionCount(), subsets.size(), count, sliceQueries));

    JavaRDD<QueryPasses.QueryView> views = raw.map(s -> {
      AssignmentProblem p = recipe.complete(s.problem());
      return new QueryPasses.QueryView(p, new FixedPointTable(p), new SideLimits(p, 0), s.offset());
    });
    SparkQueryPasses passes = sparkCall(() -> new SparkQueryPasses(views, n));
    return DistributedNight.of(passes, recipe.complete(empty));
  }

  /**
   * The rows in file order, cut into slices of {@code sliceQueries}: row k goes to slice
   * k / sliceQueries (one shuffle, once), where it takes its place by its index.
   */
  private static JavaRDD<Slice> slices(SparkSession spark, Path scoredDir, ModelCatalog catalog, int n,
      long sliceQueries, int count) {
    int m = catalog.size();
    String source = scoredDir.toString(); // a Path is not serializable; the tasks name the folder
    JavaRDD<Row> rows = ScoredProblemReader.columns(spark.read().parquet(source)).javaRDD();
    return rows.zipWithIndex()
        .mapToPair(t -> new Tuple2<>((int) (t._2() / sliceQueries), new Tuple2<>(t._2(), scoredRow(t._1(), m))))
        .partitionBy(new HashPartitioner(count)) // key s < count goes to partition s
        .mapPartitionsWithIndex((s, it) -> {
          long offset = s * sliceQueries;
          int size = (int) Math.max(0, Math.min(sliceQueries, n - offset));
          String[] ids = new String[size];
          String[] tenants = new String[size];
          double[] quality = new double[size * m];
          double[] cost = new double[size * m];
          long[] tokens = new long[size];
          int filled = 0;
          while (it.hasNext()) {
            Tuple2<Long, ScoredRow> r = it.next()._2();
            long i = r._1() - offset;
            if (i < 0 || i >= size || ids[(int) i] != null) {
              throw new IllegalStateException("the scored Parquet in " + source + " changed while being read");
            }
            ScoredRow row = r._2();
            ids[(int) i] = row.id();
            tenants[(int) i] = row.tenant();
            System.arraycopy(row.quality(), 0, quality, (int) i * m, m);
            System.arraycopy(row.cost(), 0, cost, (int) i * m, m);
            tokens[(int) i] = row.tokens();
            filled++;
          }
          if (filled != size) {
            throw new IllegalStateException("read " + filled + " of " + size + " scored queries of slice " + s
                + " from " + source + ": it changed while being read");
          }
          Iterator<Slice> one = List.of(new Slice(offset,
              ScoredProblemReader.problem(ids, tenants, quality, cost, tokens, catalog))).iterator();
          return one;
        }, true);
  }

  private static ScoredRow scoredRow(Row r, int m) {
    String id = r.getString(0);
    double[] quality = new double[m];
    double[] cost = new double[m];
    ScoredProblemReader.copy(r.getList(2), quality, 0, m, id, "quality");
    ScoredProblemReader.copy(r.getList(3), cost, 0, m, id, "cost_usd");
    return new ScoredRow(id, r.getString(1), quality, cost, r.getLong(4) + r.getLong(5));
  }

  /**
   * Runs Spark jobs whose tasks may stop on a bad record or rule (one line, e.g. a tenant rule that
   * leaves a query no option): that line is thrown as itself, not inside Spark's job failure.
   */
  static <T> T sparkCall(java.util.function.Supplier<T> jobs) {
    try {
      return jobs.get();
    } catch (Exception e) { // Spark's job failure is a checked SparkException, thrown through Scala
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof RuntimeException r && !c.getClass().getName().startsWith("org.apache.spark.")) {
          throw r;
        }
      }
      throw new IllegalStateException("the distributed solve's Spark job failed: " + e.getMessage(), e);
    }
  }
}
