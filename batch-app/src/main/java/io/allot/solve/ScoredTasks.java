package io.allot.solve;

import io.allot.spark.score.ScoredSchema;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Each scored query's task, whether its log line held the small model's answer (its
 * small_model block, seen as a margin) and that margin (NaN: none), in the order {@link ScoredProblemReader}
 * read the same rows.
 */
public record ScoredTasks(String[] tasks, boolean[] hasSmallAnswer, double[] margins) {

  /** @param scoredRows the same scored rows (and filter) the problem was read from */
  public static ScoredTasks read(Dataset<Row> scoredRows, AssignmentProblem p) {
    int n = p.queryCount();
    String[] tasks = new String[n];
    boolean[] small = new boolean[n];
    double[] margins = new double[n];
    Iterator<Row> it = scoredRows.select(ScoredSchema.QUERY_ID, ScoredSchema.TASK, ScoredSchema.MARGIN)
        .toLocalIterator();
    int i = 0;
    while (it.hasNext()) {
      Row r = it.next();
      if (i >= n || !r.getString(0).equals(p.queryId(i))) {
        throw new IllegalStateException("the scored Parquet changed while being read (query " + r.getString(0)
            + " at row " + i + ")");
      }
      tasks[i] = r.getString(1);
      small[i] = !r.isNullAt(2);
      margins[i] = small[i] ? r.getDouble(2) : Double.NaN;
      i++;
    }
    if (i != n) {
      throw new IllegalStateException("read " + i + " of " + n + " scored queries' tasks");
    }
    return new ScoredTasks(tasks, small, margins);
  }
}
