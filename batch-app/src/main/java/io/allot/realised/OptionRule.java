package io.allot.realised;

import io.allot.agreement.AnswerFormat;
import io.allot.agreement.AnswerPolicy;
import io.allot.agreement.LabelledAnswers;
import java.util.List;
import java.util.Map;

/**
 * How one published option turns its members' outcomes on a served query into a realised cost and
 * score, replayed with the solve's own rules ({@link AnswerPolicy}, answers parsed by the option's
 * {@link AnswerFormat}), so the realised figures measure the rule serving ran:
 *
 * <ul>
 *   <li>single: the model's cost and score;
 *   <li>cascade (members in role order first, second, escalate): first and second are called;
 *       when their parsed answers agree, the cost is theirs and the score the first's, else the
 *       escalate member's cost is added and its score kept. A query whose first or second answer is
 *       missing (or whose format is unknown) cannot be replayed and does not count as with
 *       outcomes: a missing answer is never read as agreement or disagreement;
 *   <li>vote: every member is called and paid; when every member has an answer and the format is
 *       known, the score of a member giving the majority parsed answer (ties to the lead, the
 *       query's most confident member, then member order, as the offline evaluate orders them);
 *       otherwise the lead member's score, as before answers were recorded.
 * </ul>
 *
 * @param kind {@code single}, {@code vote} or {@code cascade} (assignment_option_member.option_kind)
 * @param members the member models in member_no order
 * @param format how the option's answers are parsed, or null when the run did not name one
 */
public record OptionRule(String kind, List<String> members, AnswerFormat format) {
  public static final String CASCADE = "cascade";
  public static final String VOTE = "vote";

  public OptionRule {
    if (CASCADE.equals(kind) && members.size() != 3) {
      throw new IllegalArgumentException("a cascade option has a first, a second and an escalate member, not "
          + members);
    }
  }

  /** A realised cost and score of one query. */
  public record Realised(double costUsd, double score) {}

  /** An option as runs before cascades stored it: one model, or a vote without a known format. */
  public static OptionRule plain(List<String> members) {
    return new OptionRule(members.size() == 1 ? "single" : VOTE, members, null);
  }

  public OptionRule withFormat(AnswerFormat f) {
    return new OptionRule(kind, members, f);
  }

  /** The query's realised figures, or null when its outcomes do not decide them. */
  public Realised realise(String leadModel, Map<String, ServedOutcomes.Outcome> outcomes) {
    return CASCADE.equals(kind) ? cascade(outcomes) : everyMemberCalled(leadModel, outcomes);
  }

  private Realised cascade(Map<String, ServedOutcomes.Outcome> outcomes) {
    OneQuery q = OneQuery.of(members, outcomes);
    if (format == null || !q.paid(0) || !q.paid(1) || q.answer[0] == null || q.answer[1] == null) {
      return null;
    }
    String[] parsed = {format.parse(q.answer[0]), format.parse(q.answer[1]), null};
    AnswerPolicy.Outcome out = new AnswerPolicy.Cascade(0, 1, 2).run(q, parsed, 0);
    if (out.called()[2] && !q.paid(2)) {
      return null;
    }
    return new Realised(out.cost(q, 0), out.score());
  }

  private Realised everyMemberCalled(String leadModel, Map<String, ServedOutcomes.Outcome> outcomes) {
    OneQuery q = OneQuery.of(members, outcomes);
    double cost = 0;
    for (int j = 0; j < members.size(); j++) {
      if (!q.paid(j)) {
        return null;
      }
      cost += q.cost[j];
    }
    ServedOutcomes.Outcome lead = outcomes.get(leadModel);
    if (lead == null) {
      return null;
    }
    if (!VOTE.equals(kind) || format == null || !q.allAnswered()) {
      return new Realised(cost, lead.score());
    }
    String[] parsed = new String[members.size()];
    // Lead first: it is the query's most confident member, and a vote's ties go to the first listed.
    int[] voters = new int[members.size()];
    int leadAt = members.indexOf(leadModel);
    voters[0] = Math.max(leadAt, 0);
    for (int j = 0, k = 1; j < parsed.length; j++) {
      parsed[j] = format.parse(q.answer[j]);
      if (j != voters[0]) {
        voters[k++] = j;
      }
    }
    return new Realised(cost, new AnswerPolicy.Vote(voters).run(q, parsed, 0).score());
  }

  /** One served query's outcomes as a labelled row (columns = the given models; NaN/null: none). */
  private record OneQuery(double[] score, double[] cost, String[] answer) implements LabelledAnswers {
    static OneQuery of(List<String> models, Map<String, ServedOutcomes.Outcome> outcomes) {
      int m = models.size();
      double[] s = new double[m];
      double[] c = new double[m];
      String[] a = new String[m];
      for (int j = 0; j < m; j++) {
        ServedOutcomes.Outcome o = outcomes.get(models.get(j));
        s[j] = o == null ? Double.NaN : o.score();
        c[j] = o == null || o.costUsd() == null ? Double.NaN : o.costUsd();
        a[j] = o == null ? null : o.answer();
      }
      return new OneQuery(s, c, a);
    }

    /** Whether model j has an outcome with a score and a cost (a missing cost is never zero). */
    boolean paid(int j) {
      return !Double.isNaN(score[j]) && !Double.isNaN(cost[j]);
    }

    boolean allAnswered() {
      for (String x : answer) {
        if (x == null) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int rows() {
      return 1;
    }

    @Override
    public int modelCount() {
      return score.length;
    }

    @Override
    public double score(int i, int j) {
      return score[j];
    }

    @Override
    public double cost(int i, int j) {
      return cost[j];
    }

    @Override
    public String answer(int i, int j) {
      return answer[j];
    }
  }
}
