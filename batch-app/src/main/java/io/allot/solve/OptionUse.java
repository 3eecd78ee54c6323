package io.allot.solve;

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
    return new OptionTotals(p).add(p, choice, kinds).uses(p, kinds);
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
}
