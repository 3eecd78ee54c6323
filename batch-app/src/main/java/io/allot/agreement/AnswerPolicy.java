package io.allot.agreement;

import io.allot.spark.predict.PredictorColumns;
import java.util.List;

/**
 * A multi-call option whose outcome depends on the models' parsed answers: a cascade ("call A and
 * B; keep their answer when the parsed answers agree, else call C") or a fixed-member majority
 * vote. {@link #run} plays it on one labelled row: which models it called and how it scored.
 */
public sealed interface AnswerPolicy permits AnswerPolicy.Cascade, AnswerPolicy.Vote {

  /** The outcome on one row: {@code called[j]} whether model j was called, and the score. */
  record Outcome(boolean[] called, double score) {
    public double cost(LabelledAnswers data, int row) {
      double c = 0;
      for (int j = 0; j < called.length; j++) {
        c += called[j] ? data.cost(row, j) : 0;
      }
      return c;
    }
  }

  String name(List<String> models);

  /** @param parsed the rows' parsed answers, n x m, null = not well-formed */
  Outcome run(LabelledAnswers data, String[] parsed, int row);

  /**
   * Call the first models (two or three); keep their answer when all parse and agree, else call
   * the escalation model and keep its answer.
   */
  record Cascade(int[] first, int escalation) implements AnswerPolicy {
    public Cascade(int a, int b, int c) {
      this(new int[] {a, b}, c);
    }

    @Override
    public String name(List<String> models) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < first.length; k++) {
        sb.append(k == 0 ? "" : "=").append(models.get(first[k]));
      }
      return sb.append("?:").append(models.get(escalation)).toString();
    }

    @Override
    public Outcome run(LabelledAnswers data, String[] parsed, int row) {
      int m = data.modelCount();
      boolean[] called = new boolean[m];
      boolean agree = true;
      for (int j : first) {
        called[j] = true;
        agree &= agree(parsed[row * m + j], parsed[row * m + first[0]]);
      }
      if (agree) {
        return new Outcome(called, data.score(row, first[0]));
      }
      called[escalation] = true;
      return new Outcome(called, data.score(row, escalation));
    }
  }

  /**
   * Call every member; the parsed answer most members gave wins (answers that do not parse do not
   * vote). Ties go to the answer of the member listed first (members are listed by decreasing
   * training accuracy); with no parsed answer at all, the first member's answer is kept.
   */
  record Vote(int[] members) implements AnswerPolicy {
    @Override
    public String name(List<String> models) {
      StringBuilder sb = new StringBuilder("vote(");
      for (int k = 0; k < members.length; k++) {
        sb.append(k == 0 ? "" : ",").append(models.get(members[k]));
      }
      return sb.append(')').toString();
    }

    @Override
    public Outcome run(LabelledAnswers data, String[] parsed, int row) {
      int m = data.modelCount();
      boolean[] called = new boolean[m];
      int winner = members[0];
      int winnerVotes = 0;
      for (int k = 0; k < members.length; k++) {
        called[members[k]] = true;
        String a = parsed[row * m + members[k]];
        if (a == null) {
          continue;
        }
        int votes = 0;
        for (int other : members) {
          votes += a.equals(parsed[row * m + other]) ? 1 : 0;
        }
        if (votes > winnerVotes) {
          winner = members[k];
          winnerVotes = votes;
        }
      }
      return new Outcome(called, data.score(row, winner));
    }
  }

  public static boolean agree(String x, String y) {
    return x != null && x.equals(y);
  }

  public static boolean right(double score) {
    return score >= PredictorColumns.CORRECT_AT;
  }
}
