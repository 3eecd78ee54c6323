package io.allot.agreement;

/**
 * P(disagree) of a cascade's first two models on one query, from the same per-query quality
 * estimates the solver weighs the single models by.
 *
 * <p>Why: the solver puts a cascade where the single models look weak, i.e. on the queries its
 * estimates call hard, and there the first two models disagree more often than the history's
 * average for the query's margin bin. A rate that does not move with those estimates is biased
 * on exactly the queries the plan picks (the demo night escalated 21% more than planned).
 *
 * <p>The shape: with P(right) estimates a and b, two answers that were independent given the query
 * would agree with probability {@code a b + k (1 - a)(1 - b)}, k the history's rate of agreeing on a
 * wrong answer ({@link OfferedCascade#wrongAgree()}); so {@code d0 = 1 - a b - k (1 - a)(1 - b)}.
 * The level: the models' errors are correlated beyond the estimates, so d0 is moved on the logit
 * scale by one shift per group of queries (task, cascade, margin bin) such that the group's mean
 * equals the history's rate for that bin ({@link #shift}). The history decides each group's level,
 * the night's estimates only how it spreads over the group's queries.
 */
public final class QueryDisagreement {
  /** d0 is kept within [EDGE, 1 - EDGE] so that every query keeps a finite logit. */
  static final double EDGE = 1e-4;
  /** A target rate is kept within [TARGET_EDGE, 1 - TARGET_EDGE] so that the shift stays finite. */
  static final double TARGET_EDGE = 1e-6;
  private static final int MAX_ITERATIONS = 100;

  private QueryDisagreement() {}

  /** The logit of d0 for estimates a and b (NaN: 0.5) and wrong-agreement rate k. */
  public static double baseLogit(double a, double b, double k) {
    double pa = Double.isNaN(a) ? 0.5 : Math.min(1, Math.max(0, a));
    double pb = Double.isNaN(b) ? 0.5 : Math.min(1, Math.max(0, b));
    double d0 = 1 - pa * pb - k * (1 - pa) * (1 - pb);
    return logit(Math.min(1 - EDGE, Math.max(EDGE, d0)));
  }

  public static double logit(double p) {
    return Math.log(p / (1 - p));
  }

  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /**
   * The shift s with mean over {@code logits[0..count)} of sigmoid(logit + s) equal to the target
   * (Newton steps kept inside a shrinking bracket; the mean is increasing in s). 0 without queries.
   */
  public static double shift(double[] logits, int count, double target) {
    if (count == 0) {
      return 0;
    }
    double mean = 0;
    for (int i = 0; i < count; i++) {
      mean += logits[i] / count;
    }
    Search search = new Search(target, mean);
    while (!search.done()) {
      double f = 0;
      double slope = 0;
      for (int i = 0; i < count; i++) {
        double p = sigmoid(logits[i] + search.shift());
        f += p;
        slope += p * (1 - p);
      }
      search.step(f / count, slope / count);
    }
    return search.shift();
  }

  /**
   * {@link #shift}'s search one step at a time, for a group whose sums come from elsewhere (the
   * distributed solve sums each step's means over its slices): the caller evaluates the group's
   * mean rate and mean p (1 - p) at {@link #shift()} and hands them to {@link #step}.
   */
  public static final class Search {
    private final double target;
    private double lo;
    private double hi;
    private double s;
    private int iterations;
    private boolean done;

    /** @param meanLogit the group's mean logit before the shift */
    public Search(double target, double meanLogit) {
      this.target = Math.min(1 - TARGET_EDGE, Math.max(TARGET_EDGE, target));
      this.lo = logit(this.target) - 60;
      this.hi = logit(this.target) + 60;
      this.s = logit(this.target) - meanLogit;
    }

    public double shift() {
      return s;
    }

    public boolean done() {
      return done;
    }

    /** One Newton step from the group's mean of sigmoid(logit + shift()) and of its p (1 - p). */
    public void step(double meanRate, double meanSlope) {
      double f = meanRate - target;
      if (Math.abs(f) < 1e-12) {
        done = true;
        return;
      }
      if (f > 0) {
        hi = s;
      } else {
        lo = s;
      }
      double next = meanSlope > 0 ? s - f / meanSlope : Double.NaN;
      s = next > lo && next < hi ? next : (lo + hi) / 2;
      done = ++iterations >= MAX_ITERATIONS;
    }
  }
}
