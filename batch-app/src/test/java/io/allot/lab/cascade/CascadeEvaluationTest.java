package io.allot.lab.cascade;

import io.allot.cascade.CascadeNight;
import io.allot.cascade.CascadeNights;
import io.allot.cascade.CascadePlan;
import io.allot.cascade.CascadePlanner;
import io.allot.cascade.CascadeSettings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The baseline comparison on a constructed night whose realised outcomes are known. */
class CascadeEvaluationTest {

  /**
   * The small model is right exactly when its margin is above 1, the large model is always right,
   * the mid model never: with money for the uncertain queries, the cascade is perfect and random
   * escalation is not.
   */
  @Test
  void theMarginBeatsRandomEscalationWhenItCarriesTheSignal() {
    CascadeNight night = CascadeNights.random(2_000, 31, 0);
    int n = night.size();
    double[] score = new double[n * 3];
    double[] cost = new double[n * 3];
    int unsure = 0;
    for (int i = 0; i < n; i++) {
      score[i * 3] = night.margin()[i] > 1 ? 1 : 0;
      score[i * 3 + 2] = 1;
      unsure += night.margin()[i] > 1 ? 0 : 1;
      for (int j = 0; j < 3; j++) {
        cost[i * 3 + j] = night.problem().costUsd(i, j);
      }
    }
    int[] rows = new int[n];
    java.util.Arrays.setAll(rows, i -> i);
    RealisedOutcomes real = new RealisedOutcomes(rows, score, cost, 3, 0);
    CascadeEvaluation.Params p = new CascadeEvaluation.Params(Path.of("."), Path.of("."), LocalDate.of(2026, 11, 20),
        30, List.of(0.0, 0.3, 1.0), 5, "isotonic", CascadeSettings.defaults(), Path.of("."), null, List.of());
    CascadeEvaluation.Result r = CascadeEvaluation.evaluate(night, real, null, p);

    assertThat(r.levels()).hasSize(3);
    CascadeEvaluation.Level none = r.levels().get(0);
    assertThat(none.cascade().escalated()).isZero();
    assertThat(none.cascade().realisedAccuracy()).isEqualTo((double) (n - unsure) / n);
    for (CascadeEvaluation.Level l : r.levels()) {
      assertThat(l.cascade().plannedCostUsd()).isLessThanOrEqualTo(l.budgetUsd() * (1 + 1e-9));
      assertThat(l.solver().plannedCostUsd()).isLessThanOrEqualTo(l.budgetUsd() * (1 + 1e-9));
      assertThat(l.random().escalated()).isEqualTo(l.cascade().escalated());
    }
    CascadeEvaluation.Level mid = r.levels().get(1);
    assertThat(mid.cascade().escalated()).isPositive();
    assertThat(mid.cascade().realisedAccuracy()).isGreaterThan(mid.random().realisedAccuracy() + 0.05);
    // Every escalated query was an unsure one until the unsure ones run out.
    long escalatedWrong = mid.cascade().escalated();
    assertThat(mid.cascade().realisedAccuracy())
        .isEqualTo((double) (n - unsure + Math.min(unsure, escalatedWrong)) / n);
  }

  @Test
  void randomEscalationKeepsEachGroupsCount() {
    CascadeNight night = CascadeNights.random(1_000, 32, 7);
    CascadePlan plan = new CascadePlanner(CascadeSettings.defaults())
        .plan(night, CascadeNights.allSmallCost(night) * 80, null);
    boolean[] random = CascadeEvaluation.randomEscalation(night, plan, 9);
    java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
    for (int i = 0; i < night.size(); i++) {
      int[] c = counts.computeIfAbsent(night.problem().tenant(i) + night.tasks()[i], x -> new int[2]);
      c[0] += plan.escalate()[i] ? 1 : 0;
      c[1] += random[i] ? 1 : 0;
      if (!night.hasMargin(i)) {
        assertThat(random[i]).isTrue();
      }
    }
    assertThat(counts.values()).allSatisfy(c -> assertThat(c[1]).isEqualTo(c[0]));
    assertThat(random).isNotEqualTo(plan.escalate());
  }
}
