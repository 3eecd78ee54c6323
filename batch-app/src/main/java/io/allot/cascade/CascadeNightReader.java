package io.allot.cascade;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoredSchema;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.ScoredProblemReader;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Loads the score step's Parquet as a {@link CascadeNight}: the solver's arrays plus task and margin. */
public final class CascadeNightReader {

  private CascadeNightReader() {}

  public static CascadeNight read(SparkSession spark, Path scoredDir, ModelCatalog catalog) {
    AssignmentProblem problem = ScoredProblemReader.read(spark, scoredDir, catalog);
    int n = problem.queryCount();
    String[] tasks = new String[n];
    double[] margin = new double[n];
    double[] meanLogprob = new double[n];
    Iterator<Row> it = spark.read().parquet(scoredDir.toString())
        .select(ScoredSchema.QUERY_ID, ScoredSchema.TASK, ScoredSchema.MARGIN, ScoredSchema.MEAN_LOGPROB)
        .toLocalIterator();
    int i = 0;
    while (it.hasNext()) {
      Row r = it.next();
      if (i >= n || !r.getString(0).equals(problem.queryId(i))) {
        throw new IllegalStateException("the scored Parquet in " + scoredDir + " changed while being read");
      }
      tasks[i] = r.getString(1);
      margin[i] = r.isNullAt(2) ? Double.NaN : r.getDouble(2);
      meanLogprob[i] = r.isNullAt(3) ? Double.NaN : r.getDouble(3);
      i++;
    }
    if (i != n) {
      throw new IllegalStateException("read " + i + " of " + n + " scored queries from " + scoredDir);
    }
    int small = catalog.smallTierModel().map(s -> catalog.indexOf(s.id())).orElse(-1);
    return new CascadeNight(problem, tasks, margin, meanLogprob, small);
  }
}
