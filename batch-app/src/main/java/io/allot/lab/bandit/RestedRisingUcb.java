package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import io.allot.bandit.Indexes;
import io.allot.bandit.RewardHistory;
import java.util.Random;

/**
 * R-ed-UCB (Metelli et al., ICML 2022, "Stochastic Rising Bandits") for rested rising arms. With
 * N pulls of an arm and h = floor(N/4), the estimate is the mean of the last h rewards, each
 * projected to round t along the slope it shows over h pulls:
 * (1/h) sum_{l=N-h+1..N} [X_l + (t - l)(X_l - X_{l-h})/h], plus the bonus
 * sigma (t - N + h - 1) sqrt(10 log(1/delta_t) / h^3) with delta_t = t^-alpha.
 */
public final class RestedRisingUcb implements BanditPolicy {
  public static final String NAME = "R-ed-UCB";
  private static final double ALPHA = 4;
  private final double sigma;
  private final RewardHistory[] history;
  private final Random random;

  public RestedRisingUcb(int arms, double sigma, long seed) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("R-ed-UCB sigma is " + sigma + "; it must be > 0");
    }
    this.sigma = sigma;
    history = new RewardHistory[arms];
    for (int i = 0; i < arms; i++) {
      history[i] = new RewardHistory();
    }
    random = new Random(seed);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int select(long t) {
    return Indexes.argmax(history.length, a -> index(a, t), random);
  }

  double index(int arm, long t) {
    RewardHistory x = history[arm];
    int n = x.count();
    int h = n / 4;
    if (h == 0) {
      return Double.POSITIVE_INFINITY;
    }
    int from = n - h + 1;
    // sum over l of (X_l - X_{l-h}) and of l (X_l - X_{l-h}), from the prefix sums
    double diff = x.sum(from, n) - x.sum(from - h, n - h);
    double weightedDiff = x.weightedSum(from, n) - (x.weightedSum(from - h, n - h) + h * x.sum(from - h, n - h));
    double estimate = (x.sum(from, n) + (t * diff - weightedDiff) / h) / h;
    double bonus = sigma * (t - n + h - 1) * Math.sqrt(10 * ALPHA * Math.log(Math.max(t, 2)) / ((double) h * h * h));
    return estimate + bonus;
  }

  @Override
  public void update(int arm, double reward) {
    history[arm].add(reward);
  }
}
