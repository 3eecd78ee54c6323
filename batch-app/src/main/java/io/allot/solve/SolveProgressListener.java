package io.allot.solve;

/** Receives progress reports during a solve, on the solving thread. */
@FunctionalInterface
public interface SolveProgressListener {

  SolveProgressListener NONE = progress -> {};

  void onProgress(Progress progress);

  /**
   * @param phase "bound", "construction", "polish" or "done"
   * @param elapsedMillis time since the solve started
   * @param meanQuality mean expected quality per query of the best assignment so far
   * @param lpBound the LP upper bound on meanQuality
   * @param gap (lpBound - meanQuality) / lpBound
   * @param feasible whether the best assignment so far meets every hard constraint
   */
  record Progress(String phase, long elapsedMillis, double meanQuality, double lpBound, double gap,
      boolean feasible) {}
}
