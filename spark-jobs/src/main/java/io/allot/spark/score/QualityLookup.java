package io.allot.spark.score;

import java.io.Serializable;
import java.util.Map;

/**
 * The fitted smoothed-mean estimates, small enough to ship to every task. Lookups never fail:
 * an unseen task falls back to the pooled estimate, a query without margin to the task mean.
 */
final class QualityLookup implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int smallIdx;
  private final double[] global;
  private final Map<String, double[]> byTask;
  /** Upper-inclusive decile edges of the history margins; null when there were none. */
  private final double[] edges;
  private final double[] binGlobal;
  private final Map<String, double[]> byTaskBin;

  QualityLookup(int smallIdx, double[] global, Map<String, double[]> byTask, double[] edges,
      double[] binGlobal, Map<String, double[]> byTaskBin) {
    this.smallIdx = smallIdx;
    this.global = global;
    this.byTask = byTask;
    this.edges = edges;
    this.binGlobal = binGlobal;
    this.byTaskBin = byTaskBin;
  }

  /** @param task null asks for the estimate pooled over all tasks */
  double[] quality(String task, Double margin) {
    double[] q = (task == null ? global : byTask.getOrDefault(task, global)).clone();
    if (smallIdx >= 0 && margin != null && edges != null) {
      int b = bin(edges, margin);
      double[] taskBins = task == null ? null : byTaskBin.get(task);
      q[smallIdx] = taskBins != null ? taskBins[b] : binGlobal[b];
    }
    return q;
  }

  /** Bin b holds margins in (edges[b-1], edges[b]]; repeated edges simply leave bins empty. */
  static int bin(double[] edges, double margin) {
    int b = 0;
    while (b < edges.length && margin > edges[b]) {
      b++;
    }
    return b;
  }
}
