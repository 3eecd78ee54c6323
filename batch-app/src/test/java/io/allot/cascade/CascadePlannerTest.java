package io.allot.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The night-level cascade: budget shares per tenant and task, escalation order, errors. */
class CascadePlannerTest {

  @Test
  void everyGroupMeetsItsShareAndTheNightMeetsTheBudget() {
    CascadeNight night = CascadeNights.random(4_000, 5, 0);
    double small = CascadeNights.allSmallCost(night);
    double budget = small * 8;
    CascadePlan plan = new CascadePlanner(CascadeSettings.defaults()).plan(night, budget, null);

    assertThat(plan.groups()).hasSize(4);
    assertThat(plan.escalationFraction()).isStrictlyBetween(0.0, 1.0);
    assertThat(plan.totalCostUsd()).isLessThanOrEqualTo(budget).isGreaterThan(0.98 * budget);
    double shares = 0;
    for (GroupPolicy g : plan.groups()) {
      shares += g.budgetShareUsd();
      assertThat(g.expectedCostUsd()).as(g.tenant() + "/" + g.task()).isLessThanOrEqualTo(g.budgetShareUsd() * (1 + 1e-9));
      assertThat(g.escalationModelId()).isEqualTo("large");
      assertThat(g.escalated()).isPositive();
    }
    assertThat(shares).isCloseTo(budget, within(1e-9 * budget));
    // Within a group every escalated query is less certain than every kept one, and the group's
    // threshold reproduces the per-query decisions.
    for (int i = 0; i < night.size(); i++) {
      GroupPolicy g = groupOf(plan, night, i);
      assertThat(plan.escalate()[i]).isEqualTo(g.escalates(night.margin()[i]));
    }
  }

  @Test
  void queriesWithoutAMarginAreEscalatedAndCounted() {
    CascadeNight night = CascadeNights.random(2_000, 6, 10);
    double budget = CascadeNights.allSmallCost(night) * 60;
    CascadePlan plan = new CascadePlanner(CascadeSettings.defaults()).plan(night, budget, null);
    long without = plan.groups().stream().mapToLong(GroupPolicy::queriesWithoutMargin).sum();
    assertThat(without).isEqualTo(200);
    for (int i = 0; i < night.size(); i += 10) {
      assertThat(plan.escalate()[i]).isTrue();
    }
    assertThat(plan.totalCostUsd()).isLessThanOrEqualTo(budget);

    CascadePlan kept = new CascadePlanner(new CascadeSettings("", false)).plan(night, budget, null);
    for (int i = 0; i < night.size(); i += 10) {
      assertThat(kept.escalate()[i]).isFalse();
    }
  }

  @Test
  void aBudgetBelowTheAllSmallCostIsAOneLineErrorNamingTheSetting() {
    CascadeNight night = CascadeNights.random(500, 7, 0);
    double small = CascadeNights.allSmallCost(night);
    assertThatThrownBy(() -> new CascadePlanner(CascadeSettings.defaults()).plan(night, small * 0.9, null))
        .isInstanceOf(CascadeBudgetException.class)
        .hasMessageContaining("allot.budget-usd")
        .hasMessageContaining("small model small")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aBudgetThatCannotEscalateTheQueriesWithoutLogprobsNamesTheWithoutMarginSetting() {
    CascadeNight night = CascadeNights.random(500, 8, 5);
    double small = CascadeNights.allSmallCost(night);
    assertThatThrownBy(() -> new CascadePlanner(CascadeSettings.defaults()).plan(night, small * 1.01, null))
        .isInstanceOf(CascadeBudgetException.class)
        .hasMessageContaining("allot.cascade.without-margin");
  }

  @Test
  void aWrongEscalationModelNamesTheSetting() {
    CascadeNight night = CascadeNights.random(100, 9, 0);
    assertThatThrownBy(() -> new CascadePlanner(new CascadeSettings("gpt-9", true)).plan(night, 1, null))
        .hasMessageContaining("allot.cascade.escalation-model is 'gpt-9'");
    assertThatThrownBy(() -> new CascadePlanner(new CascadeSettings("small", true)).plan(night, 1, null))
        .hasMessageContaining("the small model itself");
    assertThatThrownBy(() -> CascadeSettings.parseWithoutMargin("maybe"))
        .hasMessageContaining("allot.cascade.without-margin is 'maybe'");
  }

  @Test
  void aFullBudgetEscalatesEverything() {
    CascadeNight night = CascadeNights.random(300, 10, 0);
    CascadePlan plan = new CascadePlanner(CascadeSettings.defaults()).plan(night, 1e6, null);
    assertThat(plan.escalationFraction()).isEqualTo(1.0);
    assertThat(plan.escalatedQueries()).isEqualTo(300);
    assertThat(plan.groups()).allSatisfy(g -> assertThat(g.marginThreshold()).isEqualTo(Double.POSITIVE_INFINITY));
  }

  private static GroupPolicy groupOf(CascadePlan plan, CascadeNight night, int i) {
    return plan.groups().stream().filter(g -> g.tenant().equals(night.problem().tenant(i))
        && g.task().equals(night.tasks()[i])).findFirst().orElseThrow();
  }
}
