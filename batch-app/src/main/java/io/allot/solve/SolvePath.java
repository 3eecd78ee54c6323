package io.allot.solve;

import io.allot.config.AllotProperties;
import java.util.Locale;

/**
 * Where a night is solved, chosen from its row and option counts before anything is loaded: on
 * the driver (the single-machine path, whose arrays must fit this JVM's heap,
 * {@link HeapEstimate}) or on the Spark cluster ({@link DistributedSolve}, where the driver holds
 * only the contested queries).
 *
 * <p>{@code allot.solver.distributed.mode}: {@code local} always solves on the driver and stops
 * with one line when the night does not fit its heap; {@code distributed} always solves on Spark;
 * {@code auto} solves on Spark above {@code allot.solver.distributed.above-queries} queries or when
 * the night does not fit the driver's heap, and on the driver otherwise.
 */
public final class SolvePath {
  public static final String MODE = "allot.solver.distributed.mode";
  public static final String ABOVE = "allot.solver.distributed.above-queries";

  /** The two places a night can be solved. */
  public enum Where { DRIVER, DISTRIBUTED }

  private SolvePath() {}

  /**
   * @throws IllegalArgumentException naming {@link #MODE} when the mode is none of local, distributed, auto
   * @throws IllegalStateException with one line naming the heap setting ({@link HeapEstimate}) when
   *     the mode is local and the night does not fit {@code maxHeapBytes}
   */
  public static Where choose(String mode, long aboveQueries, long queries, int options, long maxHeapBytes) {
    switch (mode == null ? "" : mode) {
      case "distributed":
        return Where.DISTRIBUTED;
      case "local":
        HeapEstimate.check(queries, options, maxHeapBytes);
        return Where.DRIVER;
      case "auto":
        boolean fits = HeapEstimate.bytes(queries, options) <= maxHeapBytes;
        return queries > aboveQueries || !fits ? Where.DISTRIBUTED : Where.DRIVER;
      default:
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s is '%s'; must be auto, local or distributed", MODE, mode));
    }
  }

  /** {@link #choose} against this JVM's maximum heap. */
  public static Where choose(AllotProperties.Distributed cfg, long queries, int options) {
    return choose(cfg.mode(), cfg.aboveQueries(), queries, options, Runtime.getRuntime().maxMemory());
  }
}
