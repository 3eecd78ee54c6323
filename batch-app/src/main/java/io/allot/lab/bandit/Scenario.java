package io.allot.lab.bandit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A simulated world of rested arms: an arm's expected reward depends on how often it has been
 * played (n = its pull count), as a model gets better the more it is fine-tuned on the traffic it
 * serves. Shapes scale with the horizon T so that 10^4 and 10^5 pose the same problem. Rewards are
 * the expected value plus Gaussian noise (sd 0.05, or 0.2 for the noisy variants).
 */
public record Scenario(String name, List<Arm> arms, double noiseSd) {

  public static final double CLEAN_SD = 0.05;
  public static final double NOISY_SD = 0.2;
  public static final String NOISY_SUFFIX = "-noisy";
  public static final List<String> BASE_NAMES = List.of("saturation", "piecewise-linear", "crossing", "stationary");

  /**
   * One arm.
   *
   * @param mean expected reward of the n-th pull (n from 1)
   * @param convergencePull the pull from which the arm is (practically) flat, or 0 when it never rises
   */
  public record Arm(String label, DoubleUnaryOperator mean, long convergencePull) {
    public double meanAt(long n) {
      return mean.applyAsDouble(n);
    }
  }

  /** All scenario names the simulator accepts. */
  public static List<String> names() {
    List<String> all = new ArrayList<>(BASE_NAMES);
    BASE_NAMES.forEach(n -> all.add(n + NOISY_SUFFIX));
    return all;
  }

  public static Scenario of(String name, long horizon) {
    if (horizon < 100) {
      throw new IllegalArgumentException("--horizon is " + horizon + "; it must be at least 100");
    }
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    boolean noisy = key.endsWith(NOISY_SUFFIX);
    String base = noisy ? key.substring(0, key.length() - NOISY_SUFFIX.length()) : key;
    double sd = noisy ? NOISY_SD : CLEAN_SD;
    double t = horizon;
    List<Arm> arms = switch (base) {
      case "saturation" -> {
        // reward 0.3 + 0.6 (1 - e^{-n/tau}); "converged" once 95% of the rise is done: n = tau ln 20
        double slow = t / 30;
        double fast = t / 90;
        yield List.of(
            new Arm("slow riser to 0.9", n -> 0.3 + 0.6 * (1 - Math.exp(-n / slow)), Math.round(slow * Math.log(20))),
            new Arm("fast riser to 0.8", n -> 0.5 + 0.3 * (1 - Math.exp(-n / fast)), Math.round(fast * Math.log(20))),
            stationary(0.7));
      }
      case "piecewise-linear" -> List.of(
          linearThenFlat(0.3, 0.9, Math.round(t / 10)),
          linearThenFlat(0.5, 0.8, Math.round(t / 20)),
          stationary(0.7));
      case "crossing" -> List.of(stationary(0.7), linearThenFlat(0.5, 0.9, Math.round(t / 20)));
      case "stationary" -> List.of(stationary(0.5), stationary(0.6), stationary(0.7), stationary(0.75));
      default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; known: "
          + String.join(", ", names()));
    };
    return new Scenario(base + (noisy ? NOISY_SUFFIX : ""), arms, sd);
  }

  private static Arm stationary(double mu) {
    return new Arm(String.format(Locale.ROOT, "stationary %.2f", mu), n -> mu, 0);
  }

  private static Arm linearThenFlat(double from, double to, long convergence) {
    double slope = (to - from) / convergence;
    return new Arm(String.format(Locale.ROOT, "%.2f rising to %.2f at pull %d", from, to, convergence),
        n -> n >= convergence ? to : from + slope * n, convergence);
  }

  /**
   * The best constant arm in hindsight: for rested arms whose rewards rise and then stay flat,
   * always playing one arm is optimal (Metelli et al. 2022), so regret is measured against the
   * arm with the largest total expected reward over T pulls.
   */
  public int oracleArm(long horizon) {
    int best = 0;
    double bestTotal = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < arms.size(); a++) {
      double total = 0;
      for (long n = 1; n <= horizon; n++) {
        total += arms.get(a).meanAt(n);
      }
      if (total > bestTotal) {
        bestTotal = total;
        best = a;
      }
    }
    return best;
  }
}
