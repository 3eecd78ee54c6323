package io.allot.solve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.allot.agreement.CascadeOffer;
import io.allot.bandit.nightly.QualityAdjustments;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoredSchema;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
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
 * <p>A run that offers cascades ({@link CascadeOffer}) gets them on every slice, as
 * {@link CascadeColumns} adds them on the driver path, from each row's task and small-model margin.
 * Their escalation rates are levelled per group over the whole night ({@link NightEscalation}: a
 * few Spark jobs over the slices' groups before the slices are built), pinned in the run folder as
 * the driver path pins them, and shipped to the executors with the offer.
 */
final class ScoredSlices {
  private static final Logger log = LoggerFactory.getLogger(ScoredSlices.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScoredSlices() {}

  /** One scored row, on its way to its slice. */
  private record ScoredRow(String id, String tenant, double[] quality, double[] cost, long tokens, String task,
      Double margin) implements Serializable {}

  /** A slice's rows as the solver's problem, before the night's transformations, and their tasks. */
  private record Slice(long offset, AssignmentProblem problem, ScoredTasks tasks) {}

  /** What one slice tells the driver about the night: per model its allowed queries, its subsets in order. */
  private record SliceFacts(long[] allowed, LinkedHashMap<String, int[]> subsets) implements Serializable {}

  /**
   * What every executor applies to its slice, in the driver path's order; {@code minimum} is the
   * night's quotas per option (TI-UCB's and the configured ones); {@code offerJson} the run's
   * offered cascades (null: none) and {@code escalation} their rates' night-wide figures.
   */
  private record Recipe(ModelCatalog catalog, BanditAdjustments.Plan plan, int[] subsetSizes,
      LinkedHashMap<String, int[]> subsets, String rulesJson, String offerJson,
      TreeMap<String, EscalationRates.Level> escalation, long[] minimum) implements Serializable {

    /** The slice's problem before the quotas, and its options' kinds. */
    CascadeColumns.Added beforeQuotas(AssignmentProblem scored, ScoredTasks tasks) {
      AssignmentProblem wide = SubsetProblem.withSubsets(BanditAdjustments.shift(scored, plan), subsetSizes, subsets);
      // P(disagree) per query from the score step's estimates, before TI-UCB's shifts (as NightProblem).
      CascadeColumns.Added added = offerJson == null ? new CascadeColumns.Added(wide, OptionKinds.fixed(wide))
          : CascadeColumns.add(wide, scored, tasks.tasks(), tasks.hasSmallAnswer(), tasks.margins(), offer(), null,
              escalation);
      return new CascadeColumns.Added(ProblemSetup.withTenantRules(added.problem(), catalog, rules().tenants()),
          added.kinds());
    }

    CascadeColumns.Added complete(AssignmentProblem scored, ScoredTasks tasks) {
      CascadeColumns.Added before = beforeQuotas(scored, tasks);
      return new CascadeColumns.Added(before.problem().withNightQuotas(minimum), before.kinds());
    }

    CascadeOffer offer() {
      try {
        return JSON.readValue(offerJson, CascadeOffer.class);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot read the pinned cascade offer shipped to a solve task", e);
      }
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

    CascadeOffer offer = CascadeOffer.read(runFolder);
    String offerJson = offer == null || offer.offered().isEmpty() ? null : JSON.writeValueAsString(offer);
    TreeMap<String, EscalationRates.Level> escalation = offerJson == null ? null
        : escalation(raw, offerJson, runFolder);

    // The night's limits on a query-less problem by the slices' own steps, then the night's quotas.
    ScoredTasks none = new ScoredTasks(new String[0], new boolean[0], new double[0]);
    Recipe noQuotas = new Recipe(catalog, plan, sizes, subsets, JSON.writeValueAsString(rules), offerJson, escalation,
        null);
    AssignmentProblem limits = noQuotas.beforeQuotas(empty, none).problem();
    long[] bandit = BanditAdjustments.quotas(empty, plan, n, allowed);
    long[] minimum = ProblemSetup.withConfiguredQuotas(limits, Arrays.copyOf(bandit, limits.optionCount()),
        rules.quotas(), n);
    Recipe recipe = new Recipe(catalog, plan, sizes, subsets, noQuotas.rulesJson(), offerJson, escalation, minimum);
    log.info(String.format(Locale.ROOT, "distributed night: %,d queries x %d options (%d SelectLLM subsets) in %d "
        + "slices of up to %,d", n, limits.optionCount(), subsets.size(), count, sliceQueries));

    JavaRDD<QueryPasses.QueryView> views = raw.map(s -> {
      CascadeColumns.Added built = recipe.complete(s.problem(), s.tasks());
      AssignmentProblem p = built.problem();
      return new QueryPasses.QueryView(p, new FixedPointTable(p), new SideLimits(p, 0), s.offset(), built.kinds());
    });
    SparkQueryPasses passes = sparkCall(() -> new SparkQueryPasses(views, n));
    CascadeColumns.Added header = recipe.complete(empty, none);
    return DistributedNight.of(passes, header.problem(), header.kinds());
  }

  /**
   * The offered cascades' escalation figures fitted on the whole night ({@link NightEscalation}),
   * their shifts pinned in the run folder as the driver path pins them ({@code ./allot explain}).
   */
  private static TreeMap<String, EscalationRates.Level> escalation(JavaRDD<Slice> raw, String offerJson,
      Path runFolder) throws IOException {
    CascadeOffer offer = JSON.readValue(offerJson, CascadeOffer.class);
    JavaRDD<List<EscalationRates.Group>> groups = raw.map(s -> CascadeColumns.escalationGroups(s.problem(),
        s.tasks().tasks(), s.tasks().margins(), JSON.readValue(offerJson, CascadeOffer.class)))
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      TreeMap<String, EscalationRates.Level> levels = NightEscalation.fit(groups, offer);
      NightEscalation.shifts(levels).write(runFolder);
      return levels;
    } finally {
      groups.unpersist();
    }
  }

  /**
   * The rows in file order, cut into slices of {@code sliceQueries}: row k goes to slice
   * k / sliceQueries (one shuffle, once), where it takes its place by its index.
   */
  private static JavaRDD<Slice> slices(SparkSession spark, Path scoredDir, ModelCatalog catalog, int n,
      long sliceQueries, int count) {
    int m = catalog.size();
    String source = scoredDir.toString(); // a Path is not serializable; the tasks name the folder
    JavaRDD<Row> rows = ScoredProblemReader.columns(spark.read().parquet(source), ScoredSchema.TASK,
        ScoredSchema.MARGIN).javaRDD();
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
          String[] tasks = new String[size];
          boolean[] small = new boolean[size];
          double[] margins = new double[size];
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
            tasks[(int) i] = row.task();
            small[(int) i] = row.margin() != null; // as ScoredTasks reads it on the driver path
            margins[(int) i] = small[(int) i] ? row.margin() : Double.NaN;
            filled++;
          }
          if (filled != size) {
            throw new IllegalStateException("read " + filled + " of " + size + " scored queries of slice " + s
                + " from " + source + ": it changed while being read");
          }
          Iterator<Slice> one = List.of(new Slice(offset,
              ScoredProblemReader.problem(ids, tenants, quality, cost, tokens, catalog),
              new ScoredTasks(tasks, small, margins))).iterator();
          return one;
        }, true);
  }

  private static ScoredRow scoredRow(Row r, int m) {
    String id = r.getString(0);
    double[] quality = new double[m];
    double[] cost = new double[m];
    ScoredProblemReader.copy(r.getList(2), quality, 0, m, id, "quality");
    ScoredProblemReader.copy(r.getList(3), cost, 0, m, id, "cost_usd");
    return new ScoredRow(id, r.getString(1), quality, cost, r.getLong(4) + r.getLong(5), r.getString(6),
        r.isNullAt(7) ? null : r.getDouble(7));
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
