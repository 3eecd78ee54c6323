package io.allot.lab.bandit;

import io.allot.bandit.BanditPolicy;
import io.allot.lab.bandit.Policies;
import io.allot.bandit.TiUcb;
import io.allot.bandit.TiUcbSettings;
import java.util.List;
import java.util.Random;

/**
 * Plays one policy against one scenario for T rounds with one seed. Every policy sees the same
 * noise for the same (arm, pull) given the seed, so differences between policies are theirs, not
 * the dice's. Regret is pseudo-regret (expected rewards) against {@link Scenario#oracleArm}.
 */
public final class Simulation {

  /**
   * @param regretCurve cumulative regret at each checkpoint round
   * @param changes TI-UCB's detected changes (empty for other policies)
   * @param pulls how often each arm was played
   */
  public record Run(String policy, long seed, double finalRegret, double[] regretCurve,
      List<TiUcb.DetectedChange> changes, long[] pulls) {}

  private Simulation() {}

  /** Rounds at which the regret curve is sampled: about {@code points} evenly spaced, ending at T. */
  public static long[] checkpoints(long horizon, int points) {
    int k = (int) Math.min(points, horizon);
    long[] out = new long[k];
    for (int i = 0; i < k; i++) {
      out[i] = Math.max(1, Math.round((double) horizon * (i + 1) / k));
    }
    return out;
  }

  public static Run run(Scenario scenario, long horizon, String policyName, long seed, TiUcbSettings tiUcb,
      Policies.BaselineSettings baselines, long[] checkpoints) {
    int k = scenario.arms().size();
    BanditPolicy policy = Policies.create(policyName, k, horizon, seed, tiUcb, baselines);
    Random[] noise = new Random[k];
    for (int a = 0; a < k; a++) {
      noise[a] = new Random(seed * 1_000_003L + a);
    }
    Scenario.Arm best = scenario.arms().get(scenario.oracleArm(horizon));
    long[] pulls = new long[k];
    double regret = 0;
    double[] curve = new double[checkpoints.length];
    int next = 0;
    for (long t = 1; t <= horizon; t++) {
      int a = policy.select(t);
      long n = ++pulls[a];
      double mean = scenario.arms().get(a).meanAt(n);
      policy.update(a, mean + scenario.noiseSd() * noise[a].nextGaussian());
      // the oracle plays its arm every round, so at round t it is on its t-th pull
      regret += best.meanAt(t) - mean;
      while (next < checkpoints.length && checkpoints[next] == t) {
        curve[next++] = regret;
      }
    }
    List<TiUcb.DetectedChange> changes = policy instanceof TiUcb ti ? ti.changes() : List.of();
    return new Run(policyName, seed, regret, curve, changes, pulls);
  }
}
