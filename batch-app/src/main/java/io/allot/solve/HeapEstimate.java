package io.allot.solve;

import java.util.Locale;

/**
 * Whether a night fits the single-machine solve, checked from its row and option counts before
 * any array is allocated, so that a night too large for the heap stops with one line naming the
 * setting to change instead of an OutOfMemoryError half way through the load.
 *
 * <p>Per query the driver holds its id and tenant, tokens and the per-query arrays of the search
 * and construction (about {@link #PER_QUERY} bytes), and per (query, option) the problem's quality
 * and cost (16 bytes), the solver's nano-unit table (16) and the pricing passes' copy (16); the
 * polish of the contested queries and the JVM itself need about {@link #FIXED} more (measured with
 * {@code allot bench-solver}, docs/benchmarks.md "Solver").
 */
public final class HeapEstimate {
  /** The environment variable whose -Xmx sets the heap of {@code ./allot}. */
  public static final String SETTING = "ALLOT_JAVA_OPTS";
  static final long PER_QUERY = 183;
  static final long PER_OPTION = 48;
  static final long FIXED = 512L << 20;
  private static final double GIB = 1 << 30;

  private HeapEstimate() {}

  /** Bytes of heap a solve of {@code queries} x {@code options} needs, about. */
  public static long bytes(long queries, int options) {
    return FIXED + queries * (PER_QUERY + PER_OPTION * options);
  }

  /** Checks against this JVM's maximum heap. */
  public static void check(long queries, int options) {
    check(queries, options, Runtime.getRuntime().maxMemory());
  }

  /**
   * @throws IllegalStateException with one line naming {@link #SETTING} and the heap it needs, when
   *     the estimate exceeds {@code maxHeapBytes}
   */
  static void check(long queries, int options, long maxHeapBytes) {
    long need = bytes(queries, options);
    if (need > maxHeapBytes) {
      long gb = (need + (1L << 30) - 1) >> 30;
      throw new IllegalStateException(String.format(Locale.ROOT, "%,d queries x %d options need about %.1f GiB of "
          + "heap for the single-machine solve but the JVM may use %.1f GiB: set %s=-Xmx%dg (or larger), or split "
          + "the night's log", queries, options, need / GIB, maxHeapBytes / GIB, SETTING, gb));
    }
  }
}
