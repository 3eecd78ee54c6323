package io.allot.generate;

/**
 * SplitMix64 with a Gaussian on top. One instance is re-seeded for every query from (seed, stream,
 * night, index), so a query's content depends on nothing but those four numbers: not on how many
 * queries came before it, not on thread scheduling and not on the other settings.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long state;
  private double spare;
  private boolean hasSpare;

  Rng reseed(long seed, long stream, long night, long index) {
    state = key(seed, stream, night, index);
    hasSpare = false;
    return this;
  }

  /**
   * A single uniform draw with no state, for per-query decisions (bad record? labelled?) that must
   * be answerable for any index without replaying the query.
   */
  static double unit(long seed, long stream, long night, long index) {
    return (mix(key(seed, stream, night, index) + GOLDEN) >>> 11) * 0x1.0p-53;
  }

  private static long key(long seed, long stream, long night, long index) {
    long h = mix(seed + GOLDEN * (stream + 1));
    h = mix(h ^ (night * 0xC2B2AE3D27D4EB4FL));
    return mix(h ^ (index * 0x165667B19E3779F9L));
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound); the bias of the multiply-shift is below 2^-32 for our small bounds. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int between(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    // Marsaglia's polar method: two normals per accepted pair, no trigonometry.
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }

  /** Exponential with mean 1. */
  double nextExp() {
    return -Math.log(1 - nextDouble());
  }
}
