package io.allot.solve;

import java.util.ArrayList;
import java.util.List;

/**
 * How one option was used by a solution: its queries, their total expected cost and mean expected
 * quality, and per member model the member's own share of that cost and its mean predicted
 * quality. A single-model option has one member, itself; a SelectLLM subset has its members in
 * catalog order. Publish stores these rows in {@code assignment_option_member}.
 */
public record OptionUse(String optionId, long queries, double costUsd, double meanQuality, List<Member> members,
    String kind) {

  /**
   * One member model of an option, over the queries that took the option; {@code costUsd} is its
   * expected part of the option's cost (a cascade's escalation: P(disagree) times its cost).
   */
  public record Member(String modelId, double costUsd, double meanQuality, String role) {}

  /** Every option of the problem (chosen or not), in option order. */
  public static List<OptionUse> of(AssignmentProblem p, int[] choice) {
    return of(p, choice, OptionKinds.fixed(p));
  }

  /** The same with the options' kinds (cascades charge their members by call rate). */
  public static List<OptionUse> of(AssignmentProblem p, int[] choice, OptionKinds kinds) {
    int options = p.optionCount();
    long[] queries = new long[options];
    double[] cost = new double[options];
    double[] quality = new double[options];
    double[][] memberCost = new double[options][];
    double[][] memberQuality = new double[options][];
    for (int o = 0; o < options; o++) {
      memberCost[o] = new double[p.members(o).length];
      memberQuality[o] = new double[p.members(o).length];
    }
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
    List<OptionUse> out = new ArrayList<>(options);
    for (int o = 0; o < options; o++) {
      int[] members = p.members(o);
      List<Member> ms = new ArrayList<>(members.length);
      for (int k = 0; k < members.length; k++) {
        ms.add(new Member(p.optionId(members[k]), memberCost[o][k], mean(memberQuality[o][k], queries[o]),
            kinds.role(o, k)));
      }
      out.add(new OptionUse(p.optionId(o), queries[o], cost[o], mean(quality[o], queries[o]), List.copyOf(ms),
          kinds.kind(o)));
    }
    return out;
  }

  /**
   * The member of option o with the highest predicted quality for query i (the first in catalog
   * order among equals): the weighted vote's tie-breaker, and the model_id of a subset's
   * assignment row, so a reader that ignores option_id still calls the subset's best member.
   */
  public static int leadMember(AssignmentProblem p, int i, int o) {
    int[] members = p.members(o);
    int lead = members[0];
    for (int j : members) {
      if (p.quality(i, j) > p.quality(i, lead)) {
        lead = j;
      }
    }
    return lead;
  }

  private static double mean(double sum, long count) {
    return count == 0 ? 0 : sum / count;
  }
}
