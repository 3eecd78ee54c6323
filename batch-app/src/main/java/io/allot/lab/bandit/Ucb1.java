package io.allot.lab.bandit;

import io.allot.bandit.Indexes;
/** UCB1 (Auer et al. 2002): sample mean + sqrt(2 ln t / n). Assumes a stationary world. */
public final class Ucb1 extends SampleMeanPolicy {
  public static final String NAME = "UCB1";

  public Ucb1(int arms, long seed) {
    super(arms, seed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(long t) {
    double logT = Math.log(Math.max(t, 1));
    return Indexes.argmax(arms(), a -> mean(a) + Math.sqrt(2 * logT / Math.max(1, pulls(a))), random);
  }
}
