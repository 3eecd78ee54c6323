package io.allot.lab.bandit;

import io.allot.bandit.Indexes;
/** epsilon-greedy: the best sample mean, except a uniformly random arm with probability epsilon. */
public final class EpsilonGreedy extends SampleMeanPolicy {
  public static final String NAME = "eps-greedy";
  private final double epsilon;

  public EpsilonGreedy(int arms, double epsilon, long seed) {
    super(arms, seed);
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("epsilon is " + epsilon + "; it must be in [0,1]");
    }
    this.epsilon = epsilon;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(long t) {
    if (random.nextDouble() < epsilon) {
      return random.nextInt(arms());
    }
    return Indexes.argmax(arms(), this::mean, random);
  }
}
