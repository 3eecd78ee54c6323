package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import io.allot.bandit.Indexes;
import java.util.Random;

/**
 * SW-UCB (Garivier and Moulines 2011): UCB on the last tau rounds only, with tau = 4 sqrt(T log T)
 * as docs/bandit.md states it, and their bonus sqrt(xi log min(t, tau) / N_tau) with xi = 0.6.
 */
public final class SlidingWindowUcb implements BanditPolicy {
  public static final String NAME = "SW-UCB";
  private static final double XI = 0.6;
  private final int tau;
  private final int[] windowArm;
  private final double[] windowReward;
  private final double[] sum;
  private final int[] count;
  private final Random random;
  private long played;

  public SlidingWindowUcb(int arms, long horizon, long seed) {
    this.tau = window(horizon);
    windowArm = new int[tau];
    windowReward = new double[tau];
    sum = new double[arms];
    count = new int[arms];
    random = new Random(seed);
  }

  /** 4 sqrt(T log T), at least 1. */
  public static int window(long horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("SW-UCB needs a horizon >= 1; got " + horizon);
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE - 8, Math.floor(4 * Math.sqrt(horizon * Math.log(horizon)))));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(long t) {
    double logT = Math.log(Math.max(2, Math.min(t, tau)));
    return Indexes.argmax(sum.length, a -> count[a] == 0 ? Double.POSITIVE_INFINITY
        : sum[a] / count[a] + Math.sqrt(XI * logT / count[a]), random);
  }

  @Override
  public void update(int arm, double reward) {
    int slot = (int) (played % tau);
    if (played >= tau) {
      // the reward of round played - tau leaves the window
      sum[windowArm[slot]] -= windowReward[slot];
      count[windowArm[slot]]--;
    }
    windowArm[slot] = arm;
    windowReward[slot] = reward;
    sum[arm] += reward;
    count[arm]++;
    played++;
  }
}
