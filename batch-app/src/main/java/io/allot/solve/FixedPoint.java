package io.allot.solve;

/**
 * The integer units the solver decides in.
 *
 * <p>Both cost and quality are scaled by 1e9: cost in nano-dollars, quality in nano-units of
 * the [0,1] quality scale. The budget is enforced exactly on these integers, so a result that is
 * feasible here is feasible to the nano-dollar. Long overflow would need about 9e9 dollars of
 * spend or 9e9 queries of quality, far beyond a nightly run.
 */
final class FixedPoint {
  static final double SCALE = 1e9;

  private FixedPoint() {}

  static long toNano(double value) {
    return Math.round(value * SCALE);
  }

  static double fromNano(long nano) {
    return nano / SCALE;
  }
}
