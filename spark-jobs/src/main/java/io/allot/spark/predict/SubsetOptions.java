package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SelectLLM subsets as assignment options: for each query, the top-k models by calibrated
 * confidence (ties: catalog order) for each configured k. A subset costs the sum of its members'
 * costs, takes the longest member's latency, and has quality P(weighted vote right).
 */
public final class SubsetOptions {
  private SubsetOptions() {}

  /**
   * @param members model indices in ascending order (the option's identity)
   * @param latencyMs NaN when the members' latencies are unknown
   */
  public record Option(int[] members, double quality, double costUsd, double latencyMs) {
    /** Stable name, e.g. "gpt-4o+claude-v2", members in catalog order. */
    public String name(List<String> modelIds) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < members.length; i++) {
        sb.append(i == 0 ? "" : "+").append(modelIds.get(members[i]));
      }
      return sb.toString();
    }
  }

  /**
   * Subsets for one query. Models whose p or cost is NaN (not available for this query) are
   * never members.
   *
   * @param sizes subset sizes, each 2..{@link WeightedVote#MAX_MEMBERS}
   * @param latencyMs per model, or null
   */
  public static List<Option> forQuery(double[] p, double[] costUsd, double[] latencyMs,
      int[] sizes) {
    Integer[] order = available(p, costUsd);
    List<Option> out = new ArrayList<>();
    for (int k : sizes) {
      if (k < 2 || k > WeightedVote.MAX_MEMBERS) {
        throw new IllegalArgumentException("subset size must be 2.." + WeightedVote.MAX_MEMBERS
            + ", got " + k);
      }
      if (k > order.length) {
        continue;
      }
      int[] members = new int[k];
      for (int i = 0; i < k; i++) {
        members[i] = order[i];
      }
      Arrays.sort(members);
      out.add(of(members, p, costUsd, latencyMs));
    }
    return out;
  }

  /** The option for given members (ascending model indices). */
  public static Option of(int[] members, double[] p, double[] costUsd, double[] latencyMs) {
    double[] memberP = new double[members.length];
    double cost = 0;
    double latency = latencyMs == null ? Double.NaN : 0;
    for (int i = 0; i < members.length; i++) {
      memberP[i] = p[members[i]];
      cost += costUsd[members[i]];
      if (latencyMs != null) {
        latency = Math.max(latency, latencyMs[members[i]]);
      }
    }
    return new Option(members, WeightedVote.probability(memberP), cost, latency);
  }

  private static Integer[] available(double[] p, double[] costUsd) {
    List<Integer> idx = new ArrayList<>();
    for (int j = 0; j < p.length; j++) {
      if (!Double.isNaN(p[j]) && !Double.isNaN(costUsd[j])) {
        idx.add(j);
      }
    }
    Integer[] order = idx.toArray(Integer[]::new);
    // Stable sort: equal confidence keeps catalog order.
    Arrays.sort(order, Comparator.comparingDouble((Integer j) -> p[j]).reversed());
    return order;
  }
}
