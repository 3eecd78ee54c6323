package io.allot.solve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The sums behind {@link OptionUse}: per option its queries, cost and quality, per member its cost
 * and quality. Sums, not means, so a distributed night's slices add theirs on the driver.
 */
final class OptionTotals implements Serializable {
  private final long[] queries;
  private final double[] cost;
  private final double[] quality;
  private final double[][] memberCost;
  private final double[][] memberQuality;

  /** Empty totals for p's options. */
  OptionTotals(AssignmentProblem p) {
    int options = p.optionCount();
    queries = new long[options];
    cost = new double[options];
    quality = new double[options];
    memberCost = new double[options][];
    memberQuality = new double[options][];
    for (int o = 0; o < options; o++) {
      memberCost[o] = new double[p.members(o).length];
      memberQuality[o] = new double[p.members(o).length];
    }
  }

  /** Adds query i's choice for every query of p. */
  OptionTotals add(AssignmentProblem p, int[] choice, OptionKinds kinds) {
    for (int i = 0; i < choice.length; i++) {
      int o = choice[i];
      queries[o]++;
      cost[o] += p.costUsd(i, o);
      quality[o] += p.quality(i, o);
      int[] members = p.members(o);
      for (int k = 0; k < members.length; k++) {
        memberCost[o][k] += kinds.memberCost(i, o, k);
        memberQuality[o][k] += p.quality(i, members[k]);
      }
    }
    return this;
  }

  /** Adds another part of the same night's totals. */
  OptionTotals addAll(OptionTotals other) {
    for (int o = 0; o < queries.length; o++) {
      queries[o] += other.queries[o];
      cost[o] += other.cost[o];
      quality[o] += other.quality[o];
      for (int k = 0; k < memberCost[o].length; k++) {
        memberCost[o][k] += other.memberCost[o][k];
        memberQuality[o][k] += other.memberQuality[o][k];
      }
    }
    return this;
  }

  /** Every option (chosen or not), in option order; p gives the ids and members (queries not read). */
  List<OptionUse> uses(AssignmentProblem p, OptionKinds kinds) {
    List<OptionUse> out = new ArrayList<>(queries.length);
    for (int o = 0; o < queries.length; o++) {
      int[] members = p.members(o);
      List<OptionUse.Member> ms = new ArrayList<>(members.length);
      for (int k = 0; k < members.length; k++) {
        ms.add(new OptionUse.Member(p.optionId(members[k]), memberCost[o][k], mean(memberQuality[o][k], queries[o]),
            kinds.role(o, k)));
      }
      out.add(new OptionUse(p.optionId(o), queries[o], cost[o], mean(quality[o], queries[o]), List.copyOf(ms),
          kinds.kind(o)));
    }
    return out;
  }

  private static double mean(double sum, long count) {
    return count == 0 ? 0 : sum / count;
  }
}
