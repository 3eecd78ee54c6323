package io.allot.spark.score;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.types.DataTypes.IntegerType;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * First quality estimate: Beta-smoothed mean scores, (sum + α·prior) / (n + α).
 * <ul>
 *   <li>every model: per (task, model), prior = the model's mean over all tasks, or the
 *       catalog's prior_quality when the model has no outcomes;</li>
 *   <li>the small-tier model, for queries with a margin: per (task, margin decile), prior = that
 *       decile's mean over all tasks (itself smoothed towards the model's mean). This is the
 *       two-tier signal: a low margin means the small model is likely wrong.</li>
 * </ul>
 * A task unseen in history gets the pooled estimates. Counts are aggregated in Spark; only the
 * (task × model) and (task × bin) tables reach the driver.
 */
public final class SmoothedMeanEstimator implements QualityEstimator {
  public static final double DEFAULT_ALPHA = 2.0;
  static final int BINS = 10;
  private static final String KEY = "_key";
  private static final String N = "_n";
  private static final String SUM = "_sum";

  private final ModelCatalog catalog;
  private final double alpha;
  private final Counts byTaskModel = new Counts();   // index: catalog position
  private final Counts byTaskBin = new Counts();     // index: margin bin (small model only)
  private final QualityLookup lookup;
  private final double[] edges;
  private final double[] global;

  private SmoothedMeanEstimator(ModelCatalog catalog, double alpha, Dataset<Row> labelled) {
    this.catalog = catalog;
    this.alpha = alpha;
    countByTaskAndModel(labelled);
    this.global = globalMeans();
    int small = catalog.smallTierModel().map(s -> catalog.indexOf(s.id())).orElse(-1);
    this.edges = small < 0 ? null : marginEdges(labelled, catalog.get(small).id());
    double[] binGlobal = new double[BINS];
    if (edges != null) {
      countByTaskAndBin(smallWithMargin(labelled, catalog.get(small).id()));
      for (int b = 0; b < BINS; b++) {
        binGlobal[b] = smooth(byTaskBin.sum(null, b), byTaskBin.n(null, b), global[small]);
      }
    }
    Map<String, double[]> taskEst = new TreeMap<>();
    for (String task : byTaskModel.tasks()) {
      taskEst.put(task, smoothAll(byTaskModel, task, global));
    }
    Map<String, double[]> taskBinEst = new TreeMap<>();
    for (String task : byTaskBin.tasks()) {
      taskBinEst.put(task, smoothAll(byTaskBin, task, binGlobal));
    }
    this.lookup = new QualityLookup(small, global, taskEst, edges, binGlobal, taskBinEst);
  }

  private void countByTaskAndModel(Dataset<Row> labelled) {
    for (Row r : aggregate(labelled, col(LabelledSchema.MODEL_ID))) {
      int m = catalog.indexOf(r.getString(1));
      if (m < 0) {
        throw new ScoringException("labelled outcome for model '" + r.getString(1) + "', which is not in the catalog");
      }
      byTaskModel.add(r.getString(0), m, r.getLong(2), r.getDouble(3));
    }
  }

  private void countByTaskAndBin(Dataset<Row> smallRows) {
    double[] e = edges;
    UserDefinedFunction toBin = udf((UDF1<Double, Integer>) mg -> QualityLookup.bin(e, mg), IntegerType);
    for (Row r : aggregate(smallRows, toBin.apply(col(LabelledSchema.MARGIN)))) {
      byTaskBin.add(r.getString(0), r.getInt(1), r.getLong(2), r.getDouble(3));
    }
  }

  /** Smoothed estimate of every index of one task, each towards its own prior. */
  private double[] smoothAll(Counts counts, String task, double[] priors) {
    double[] est = new double[priors.length];
    for (int i = 0; i < est.length; i++) {
      est[i] = smooth(counts.sum(task, i), counts.n(task, i), priors[i]);
    }
    return est;
  }

  /** The {@link QualityEstimator.Factory} of this estimator with α = 2. */
  public static SmoothedMeanEstimator fit(SparkSession spark, Dataset<Row> labelled, ModelCatalog catalog) {
    return fit(labelled, catalog, DEFAULT_ALPHA);
  }

  public static SmoothedMeanEstimator fit(Dataset<Row> labelled, ModelCatalog catalog, double alpha) {
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("alpha must be > 0, got " + alpha);
    }
    return new SmoothedMeanEstimator(catalog, alpha, labelled);
  }

  private double smooth(double sum, long n, double prior) {
    return (sum + alpha * prior) / (n + alpha);
  }

  private double[] globalMeans() {
    double[] g = new double[catalog.size()];
    for (int m = 0; m < g.length; m++) {
      ModelSpec spec = catalog.get(m);
      long n = byTaskModel.n(null, m);
      if (n > 0) {
        g[m] = byTaskModel.sum(null, m) / n;
      } else if (spec.priorQuality() != null) {
        g[m] = spec.priorQuality();
      } else {
        throw new ScoringException("model '" + spec.id() + "' has no outcomes in the labelled history"
            + " and no prior_quality in the catalog, so its quality cannot be estimated;"
            + " add outcomes for it or set prior_quality in models.yml");
      }
    }
    return g;
  }

  /** Rows (task, key, n, sum) grouped by task and the given key. */
  private static List<Row> aggregate(Dataset<Row> rows, org.apache.spark.sql.Column key) {
    return rows.groupBy(col(LabelledSchema.TASK), key.as(KEY))
        .agg(count(lit(1)).as(N), sum(col(LabelledSchema.SCORE)).as(SUM))
        .collectAsList();
  }

  private static Dataset<Row> smallWithMargin(Dataset<Row> labelled, String smallId) {
    return labelled.filter(col(LabelledSchema.MODEL_ID).equalTo(smallId)
        .and(col(LabelledSchema.MARGIN).isNotNull()));
  }

  /** Decile edges of the margins of labelled small-model outcomes, so each bin has ~equal labels. */
  private static double[] marginEdges(Dataset<Row> labelled, String smallId) {
    double[] probs = new double[BINS - 1];
    for (int i = 0; i < probs.length; i++) {
      probs[i] = (i + 1) / (double) BINS;
    }
    double[] e = smallWithMargin(labelled, smallId).stat().approxQuantile(LabelledSchema.MARGIN, probs, 0.001);
    return e.length == probs.length ? e : null;
  }

  @Override
  public Dataset<Row> withQuality(Dataset<Row> queries) {
    QualityLookup l = lookup;
    UserDefinedFunction quality = udf((UDF2<String, Double, double[]>) l::quality, ScoredSchema.PER_MODEL);
    return queries.withColumn(ScoredSchema.QUALITY,
        quality.apply(col(ScoredSchema.TASK), col(ScoredSchema.MARGIN)));
  }

  @Override
  public Dataset<Row> qualityTable(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int m = 0; m < catalog.size(); m++) {
      rows.add(tableRow(null, m, null, byTaskModel.n(null, m), byTaskModel.sum(null, m), global[m]));
    }
    for (String task : byTaskModel.tasks()) {
      double[] est = lookup.quality(task, null);
      for (int m = 0; m < catalog.size(); m++) {
        rows.add(tableRow(task, m, null, byTaskModel.n(task, m), byTaskModel.sum(task, m), est[m]));
      }
    }
    if (edges != null) {
      int small = catalog.indexOf(catalog.smallTierModel().orElseThrow().id());
      List<String> tasks = new ArrayList<>();
      tasks.add(null);
      tasks.addAll(byTaskBin.tasks());
      for (String task : tasks) {
        for (int b = 0; b < BINS; b++) {
          double est = lookup.quality(task, representative(b))[small];
          rows.add(tableRow(task, small, b, byTaskBin.n(task, b), byTaskBin.sum(task, b), est));
        }
      }
    }
    return spark.createDataFrame(rows, QualityTableSchema.SCHEMA);
  }

  /** A margin that falls in bin b (its upper edge, or just above the last edge). */
  private double representative(int b) {
    return b < edges.length ? edges[b] : Math.nextUp(edges[edges.length - 1]);
  }

  private Row tableRow(String task, int m, Integer bin, long n, double sum, double estimate) {
    return RowFactory.create(task, catalog.get(m).id(), bin, n, n == 0 ? null : sum / n, estimate);
  }

  @Override
  public Dataset<Row> marginBins(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    if (edges != null) {
      for (int b = 0; b < BINS; b++) {
        rows.add(RowFactory.create(b, b == 0 ? null : edges[b - 1], b == BINS - 1 ? null : edges[b]));
      }
    }
    return spark.createDataFrame(rows, QualityTableSchema.MARGIN_BINS);
  }

  /** Counts and score sums per (task, index); task null is the pool over all tasks. */
  private static final class Counts {
    private record Cell(String task, int idx) {}

    private final Map<Cell, double[]> cells = new HashMap<>(); // {n, sum}
    private final SortedSet<String> tasks = new TreeSet<>();

    void add(String task, int idx, long n, double sum) {
      tasks.add(task);
      for (Cell c : List.of(new Cell(task, idx), new Cell(null, idx))) {
        double[] v = cells.computeIfAbsent(c, x -> new double[2]);
        v[0] += n;
        v[1] += sum;
      }
    }

    long n(String task, int idx) {
      return (long) cells.getOrDefault(new Cell(task, idx), new double[2])[0];
    }

    double sum(String task, int idx) {
      return cells.getOrDefault(new Cell(task, idx), new double[2])[1];
    }

    SortedSet<String> tasks() {
      return tasks;
    }
  }
}
