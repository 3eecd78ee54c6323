package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import java.util.Random;

/** Shared state of the policies that judge an arm by the plain mean of all its rewards. */
abstract class SampleMeanPolicy implements BanditPolicy {
  private final double[] sum;
  private final long[] pulls;
  protected final Random random;

  SampleMeanPolicy(int arms, long seed) {
    if (arms < 1) {
      throw new IllegalArgumentException("a bandit needs at least one arm; got " + arms);
    }
    sum = new double[arms];
    pulls = new long[arms];
    random = new Random(seed);
  }

  protected int arms() {
    return sum.length;
  }

  protected long pulls(int arm) {
    return pulls[arm];
  }

  /** The mean reward of the arm, +infinity before its first pull so every arm is tried once. */
  protected double mean(int arm) {
    return pulls[arm] == 0 ? Double.POSITIVE_INFINITY : sum[arm] / pulls[arm];
  }

  @Override
  public void update(int arm, double reward) {
    sum[arm] += reward;
    pulls[arm]++;
  }
}
