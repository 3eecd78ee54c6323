package io.allot.solve;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoredSchema;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the score step's Parquet into the solver's compact arrays, in the file's (stable) order. */
public final class ScoredProblemReader {
  private static final Logger log = LoggerFactory.getLogger(ScoredProblemReader.class);

  private ScoredProblemReader() {}

  public static AssignmentProblem read(SparkSession spark, Path scoredDir, ModelCatalog catalog) {
    return read(spark, scoredDir, catalog, queries -> { });
  }

  /**
   * @param beforeLoad called with the night's query count once it is counted, before any row is
   *     loaded (the solve step's choice of path, {@link SolvePath}); it may throw to stop the load
   */
  public static AssignmentProblem read(SparkSession spark, Path scoredDir, ModelCatalog catalog,
      LongConsumer beforeLoad) {
    return read(spark.read().parquet(scoredDir.toString()), scoredDir, catalog, beforeLoad);
  }

  /** One query's row alone, for {@code allot explain}. */
  public static AssignmentProblem readQuery(SparkSession spark, Path scoredDir, ModelCatalog catalog, String queryId) {
    Dataset<Row> all = spark.read().parquet(scoredDir.toString());
    return read(all.filter(all.col(ScoredSchema.QUERY_ID).equalTo(queryId)), scoredDir, catalog, queries -> { });
  }

  private static AssignmentProblem read(Dataset<Row> rows, Path scoredDir, ModelCatalog catalog,
      LongConsumer beforeLoad) {
    Dataset<Row> scored = columns(rows);
    long count = scored.count();
    beforeLoad.accept(count);
    if (count > Integer.MAX_VALUE / catalog.size()) {
      throw new IllegalStateException(count + " queries do not fit one solve; split the night's log by tenant");
    }
    HeapEstimate.check(count, catalog.size());
    int n = (int) count;
    int m = catalog.size();
    String[] ids = new String[n];
    String[] tenants = new String[n];
    double[] quality = new double[n * m];
    double[] cost = new double[n * m];
    long[] tokens = new long[n];
    Iterator<Row> it = scored.toLocalIterator();
    int i = 0;
    while (it.hasNext()) {
      Row r = it.next();
      if (i >= n) {
        throw new IllegalStateException("the scored Parquet in " + scoredDir + " changed while being read");
      }
      ids[i] = r.getString(0);
      tenants[i] = r.getString(1);
      copy(r.getList(2), quality, i, m, ids[i], "quality");
      copy(r.getList(3), cost, i, m, ids[i], "cost_usd");
      tokens[i] = r.getLong(4) + r.getLong(5);
      i++;
      if (i % 1_000_000 == 0) {
        log.info("loaded {} of {} scored queries", i, n);
      }
    }
    if (i != n) {
      throw new IllegalStateException("read " + i + " of " + n + " scored queries from " + scoredDir);
    }
    return problem(ids, tenants, quality, cost, tokens, catalog);
  }

  /** Scored rows as the solver's problem, with the catalog's query and token capacities. */
  static AssignmentProblem problem(String[] ids, String[] tenants, double[] quality, double[] cost, long[] tokens,
      ModelCatalog catalog) {
    int m = catalog.size();
    long[] capacity = new long[m];
    boolean limited = false;
    for (int j = 0; j < m; j++) {
      capacity[j] = catalog.get(j).queryCapacity().orElse(AssignmentProblem.UNLIMITED);
      limited |= capacity[j] != AssignmentProblem.UNLIMITED;
    }
    AssignmentProblem problem = new AssignmentProblem(ids, tenants, catalog.ids().toArray(String[]::new), quality,
        cost, limited ? capacity : null);
    long[] tokenCapacity = new long[m];
    for (int j = 0; j < m; j++) {
      tokenCapacity[j] = catalog.get(j).tokenCapacity().orElse(AssignmentProblem.UNLIMITED);
    }
    // Tokens are prompt + expected output, the same counts the option's cost is priced on.
    return problem.withTokenCapacity(tokens, tokenCapacity);
  }

  /**
   * The columns a query's row gives the solver, in this order: query_id, tenant, quality, cost_usd,
   * prompt and expected output tokens, then the {@code more} columns (the row order is the file's,
   * which both solve paths keep).
   */
  static Dataset<Row> columns(Dataset<Row> rows, String... more) {
    String[] rest = new String[5 + more.length];
    String[] first = {ScoredSchema.TENANT, ScoredSchema.QUALITY, ScoredSchema.COST_USD, ScoredSchema.PROMPT_TOKENS,
        ScoredSchema.EXPECTED_OUTPUT_TOKENS};
    System.arraycopy(first, 0, rest, 0, first.length);
    System.arraycopy(more, 0, rest, first.length, more.length);
    return rows.select(ScoredSchema.QUERY_ID, rest);
  }

  static void copy(List<Object> values, double[] into, int row, int m, String queryId, String column) {
    if (values == null || values.size() != m) {
      throw new IllegalStateException("scored query " + queryId + " has " + (values == null ? 0 : values.size())
          + " " + column + " values but the catalog has " + m + " models: was conf/models.yml changed mid-run?");
    }
    for (int j = 0; j < m; j++) {
      Object v = values.get(j);
      into[row * m + j] = v == null ? Double.NaN : ((Number) v).doubleValue();
    }
  }
}
