package io.allot.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.CascadeColumns;
import io.allot.solve.BudgetReserve;
import io.allot.solve.OptionKinds;
import io.allot.solve.SolveResult;
import io.allot.solve.SolveSettings;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Cascades chosen on generated history, planned for a night at the all-cascade expected cost, then
 * played on 400 freshly generated nights (their own answers decide each escalation): planned in
 * expectation the realised night overruns the budget often; with the stated reserve (2 sd) on at
 * most 5% of the nights.
 */
class CascadeReserveTest {
  private static final int N = 300;
  private static final int NIGHTS = 400;

  @Test
  void realisedCostStaysWithinBudgetAtTheStatedReserve() {
    HistoryAnswers history = AgreementRows.generate(5, 3000, 3, false);
    CascadeOffer offer = CascadeChoice.choose(history, 0, 100);
    assertThat(offer.offered()).isNotEmpty();
    OfferedCascade cheapest = offer.offered().get(0);
    CascadeColumns.Added night = night(new CascadeOffer(java.util.List.of(cheapest), offer.decisions(), 0));
    int column = AgreementRows.MODELS.size();
    double budget = N * night.problem().costUsd(0, column);

    double overWithout = overBudgetShare(plan(night, budget, 0), night, budget);
    double overWith = overBudgetShare(plan(night, budget, BudgetReserve.DEFAULT_Z), night, budget);
    assertThat(overWithout).isGreaterThan(0.2);
    assertThat(overWith).isLessThanOrEqualTo(0.05);
  }

  private static CascadeColumns.Added night(CascadeOffer offer) {
    int m = AgreementRows.MODELS.size();
    String[] ids = new String[N];
    String[] tasks = new String[N];
    double[] q = new double[N * m];
    double[] c = new double[N * m];
    boolean[] logged = new boolean[N];
    for (int i = 0; i < N; i++) {
      ids[i] = "q" + i;
      tasks[i] = "choice";
      logged[i] = true;
      for (int j = 0; j < m; j++) {
        q[i * m + j] = new double[] {0.7, 0.8, 0.93}[j];
        c[i * m + j] = AgreementRows.COST[j];
      }
    }
    AssignmentProblem singles = new AssignmentProblem(ids, null, AgreementRows.MODELS.toArray(String[]::new), q, c);
    // No margins: every query gets the task's rates, as the freshly played nights share nothing else.
    double[] margins = new double[N];
    Arrays.fill(margins, Double.NaN);
    return CascadeColumns.add(singles, tasks, logged, margins, offer);
  }

  private static int[] plan(CascadeColumns.Added night, double budget, double z) {
    OptionKinds kinds = night.kinds();
    SolveResult r = BudgetReserve.plan(night.problem(), kinds::costVariance, budget, z,
        SolveSettings.defaults().withPolish(false));
    assertThat(r.totalCostUsd()).isLessThanOrEqualTo(budget + 1e-9);
    return r.choice();
  }

  /** Each generated night's own answers decide which cascade queries escalate. */
  private static double overBudgetShare(int[] choice, CascadeColumns.Added night, double budget) {
    AssignmentProblem p = night.problem();
    int[] members = p.members(AgreementRows.MODELS.size());
    int over = 0;
    for (int k = 0; k < NIGHTS; k++) {
      HistoryAnswers played = AgreementRows.generate(1000 + k, N, 0, false);
      String[] parsed = AnswerFormat.CHOICE.parseAll(played);
      AnswerPolicy cascade = new AnswerPolicy.Cascade(new int[] {members[0], members[1]}, members[2]);
      double spent = 0;
      for (int i = 0; i < N; i++) {
        int o = choice[i];
        if (p.members(o).length == 1) {
          spent += p.costUsd(i, o);
        } else {
          boolean[] called = cascade.run(played, parsed, i).called();
          for (int j = 1; j < called.length; j++) {
            spent += called[j] ? AgreementRows.COST[j] : 0;
          }
        }
      }
      over += spent > budget ? 1 : 0;
    }
    assertThat(Arrays.stream(choice).filter(o -> o == AgreementRows.MODELS.size()).count())
        .as("the plan uses the cascade").isGreaterThan(N / 3);
    return (double) over / NIGHTS;
  }
}
