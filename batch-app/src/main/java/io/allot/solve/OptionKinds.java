package io.allot.solve;

/**
 * What publish and the budget reserve need to know about each option beyond its matrices: its kind
 * (a single model, a vote of all members, or a cascade whose later members are called only
 * sometimes), each member's role, a member's expected part of the option's cost on a query, and the
 * variance of the option's realised cost on a query.
 */
public interface OptionKinds {
  String SINGLE = "single";
  String VOTE = "vote";
  String CASCADE = "cascade";

  String kind(int o);

  /** Role of option o's k-th member: single, voter, or for a cascade first, second, escalate. */
  String role(int o, int k);

  /** Member k's expected part of option o's cost on query i. */
  double memberCost(int i, int o, int k);

  /** Variance of option o's realised cost on query i (0 when every member is always called). */
  double costVariance(int i, int o);

  /**
   * Variance of a whole plan's realised cost (choice[i]: query i's option): by default the sum of
   * the queries' variances, calls independent; kinds whose estimates share an error add it.
   */
  default double planVariance(int[] choice) {
    return varianceParts(choice).variance();
  }

  /**
   * {@link #planVariance}'s sums over choice's queries, before the shared errors are squared: the
   * parts of a night's slices add ({@link VarianceParts#add}) to the night's.
   */
  default VarianceParts varianceParts(int[] choice) {
    double v = 0;
    for (int i = 0; i < choice.length; i++) {
      v += costVariance(i, choice[i]);
    }
    return new VarianceParts(v, new double[0]);
  }

  /**
   * A plan's variance as sums: the queries' own variances, and per shared estimate its error's
   * effect on the plan's cost (summed over the queries, squared only once the night is whole).
   */
  record VarianceParts(double independent, double[] shared) implements java.io.Serializable {
    public double variance() {
      double v = independent;
      for (double e : shared) {
        v += e * e;
      }
      return v;
    }

    /** The parts of two sets of a night's queries (their shared estimates the same). */
    public VarianceParts add(VarianceParts other) {
      double[] a = shared.length >= other.shared.length ? shared : other.shared;
      double[] b = a == shared ? other.shared : shared;
      double[] sum = a.clone();
      for (int k = 0; k < b.length; k++) {
        sum[k] += b[k];
      }
      return new VarianceParts(independent + other.independent, sum);
    }
  }

  /** Whether any option's cost is random (then the solve keeps a reserve). */
  boolean anyRandomCost();

  /** Single models and votes: every member is called, so the cost is fixed. */
  static OptionKinds fixed(AssignmentProblem p) {
    return new OptionKinds() {
      @Override
      public String kind(int o) {
        return p.members(o).length == 1 ? SINGLE : VOTE;
      }

      @Override
      public String role(int o, int k) {
        return p.members(o).length == 1 ? "single" : "voter";
      }

      @Override
      public double memberCost(int i, int o, int k) {
        return p.costUsd(i, p.members(o)[k]);
      }

      @Override
      public double costVariance(int i, int o) {
        return 0;
      }

      @Override
      public boolean anyRandomCost() {
        return false;
      }
    };
  }
}
