package io.allot.solve;

import java.util.Arrays;

/**
 * Appends multi-model options (SelectLLM subsets, agreement cascades) to a night's problem as
 * extra columns. Existing columns keep their values, capacities, token capacities and quotas; a
 * new column has no capacity or quota of its own (its members' limits are charged instead) and is
 * not allowed (NaN) for a query unless the filler sets it.
 */
public final class OptionColumns {
  private OptionColumns() {}

  /** Fills query i's values of the new columns: {@code quality[k]}, {@code cost[k]} for new column k. */
  @FunctionalInterface
  public interface Filler {
    void fill(int i, double[] quality, double[] cost);
  }

  /**
   * @param ids the new options' ids
   * @param members per new option, the model indexes (single-model options) it calls
   * @throws IllegalStateException naming the setting to change when the wider problem does not fit
   */
  public static AssignmentProblem append(AssignmentProblem p, String[] ids, int[][] members, Filler filler,
      String tooLargeHint) {
    int n = p.queryCount();
    int old = p.optionCount();
    int total = old + ids.length;
    if ((long) n * total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(String.format(java.util.Locale.ROOT,
          "%,d queries x %d options do not fit one solve; %s", n, total, tooLargeHint));
    }
    String[] allIds = Arrays.copyOf(strings(old, p::optionId), total);
    int[][] allMembers = new int[total][];
    for (int o = 0; o < old; o++) {
      allMembers[o] = p.members(o);
    }
    for (int k = 0; k < ids.length; k++) {
      allIds[old + k] = ids[k];
      allMembers[old + k] = members[k];
    }
    double[] quality = new double[n * total];
    double[] cost = new double[n * total];
    double[] q = new double[ids.length];
    double[] c = new double[ids.length];
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < old; o++) {
        quality[i * total + o] = p.quality(i, o);
        cost[i * total + o] = p.costUsd(i, o);
      }
      Arrays.fill(q, Double.NaN);
      Arrays.fill(c, Double.NaN);
      filler.fill(i, q, c);
      System.arraycopy(q, 0, quality, i * total + old, ids.length);
      System.arraycopy(c, 0, cost, i * total + old, ids.length);
    }
    AssignmentProblem wide = new AssignmentProblem(strings(n, p::queryId), strings(n, p::tenant), allIds, quality, cost,
        extend(old, total, p::capacity, AssignmentProblem.UNLIMITED));
    long[] tokenCapacity = extend(old, total, p::tokenCapacity, AssignmentProblem.UNLIMITED);
    if (Arrays.stream(tokenCapacity).anyMatch(t -> t != AssignmentProblem.UNLIMITED)) {
      long[] tokens = new long[n];
      for (int i = 0; i < n; i++) {
        tokens[i] = p.tokens(i);
      }
      wide = wide.withTokenCapacity(tokens, tokenCapacity);
    }
    long[] quota = extend(old, total, p::minimumQueries, 0);
    if (Arrays.stream(quota).anyMatch(x -> x > 0)) {
      wide = wide.withMinimumQueries(quota);
    }
    return wide.withOptionMembers(allMembers);
  }

  private interface PerOption {
    long of(int j);
  }

  private static long[] extend(int old, int total, PerOption existing, long newValue) {
    long[] out = new long[total];
    Arrays.fill(out, newValue);
    for (int j = 0; j < old; j++) {
      out[j] = existing.of(j);
    }
    return out;
  }

  private static String[] strings(int n, java.util.function.IntFunction<String> value) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = value.apply(i);
    }
    return out;
  }
}
