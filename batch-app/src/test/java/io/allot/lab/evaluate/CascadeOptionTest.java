package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.agreement.AnswerFormat;
import io.allot.agreement.AnswerPolicy;
import io.allot.agreement.PolicyCatalog;
import io.allot.agreement.PolicyEstimate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cascade and vote figures against a brute-force replay written out here, on generated rows. */
class CascadeOptionTest {
  private final RoutingData data = AnswerFixture.make(400, 3);
  private final String[] parsed = AnswerFormat.detect(data).parseAll(data);

  @Test
  void answersAreParsedAsChoiceLetters() {
    assertThat(AnswerFormat.detect(data)).isEqualTo(AnswerFormat.CHOICE);
    assertThat(AnswerFormat.CHOICE.parse("C)")).isEqualTo("C");
    assertThat(AnswerFormat.CHOICE.parse("(b) because")).isEqualTo("B");
    assertThat(AnswerFormat.CHOICE.parse("A chart shows")).isNull();
    assertThat(AnswerFormat.YES_NO.parse("No (the context is incomplete)")).isEqualTo("no");
    assertThat(AnswerFormat.TEXT.parse("Here:\n```python\n# add\ndef f(x):\n    return x + 1\n```"))
        .isEqualTo("deff(x):returnx+1");
  }

  @Test
  void cascadeExpectedCostAndQualityMatchBruteForce() {
    int a = 0;
    int b = 2;
    int c = 3;
    double cost = 0;
    double score = 0;
    int escalated = 0;
    for (int i = 0; i < data.rows(); i++) {
      String pa = data.answer(i, a).length() == 1 ? data.answer(i, a) : null;
      String pb = data.answer(i, b).length() == 1 ? data.answer(i, b) : null;
      boolean agree = pa != null && pa.equals(pb);
      cost += AnswerFixture.COST[a] + AnswerFixture.COST[b] + (agree ? 0 : AnswerFixture.COST[c]);
      score += agree ? data.score(i, a) : data.score(i, c);
      escalated += agree ? 0 : 1;
    }
    int n = data.rows();
    PolicyEstimate e = PolicyEstimate.of(new AnswerPolicy.Cascade(a, b, c), data, parsed,
        AnswerFixture.all(data));
    assertThat(e.quality()).isCloseTo(score / n, within(1e-12));
    assertThat(e.meanCost()).isCloseTo(cost / n, within(1e-12));
    assertThat(e.expectedCost(AnswerFixture.COST, -1)).isCloseTo(cost / n, within(1e-12));
    assertThat(e.callRate()[c]).isCloseTo((double) escalated / n, within(1e-12));
    assertThat(escalated).isBetween(n / 4, 3 * n / 4);
    // With the small model's answer known, it is not paid for again.
    assertThat(e.expectedCost(AnswerFixture.COST, a)).isCloseTo(cost / n - AnswerFixture.COST[a],
        within(1e-12));
    double p = (double) escalated / n;
    assertThat(e.costVariance(AnswerFixture.COST, -1))
        .isCloseTo(p * (1 - p) * AnswerFixture.COST[c] * AnswerFixture.COST[c], within(1e-15));
  }

  @Test
  void voteIsTheRealMajorityOfParsedAnswers() {
    int[] members = {3, 1, 2};
    double score = 0;
    for (int i = 0; i < data.rows(); i++) {
      java.util.Map<String, Integer> count = new java.util.HashMap<>();
      for (int j : members) {
        if (parse(i, j) != null) {
          count.merge(parse(i, j), 1, Integer::sum);
        }
      }
      int max = count.values().stream().max(Integer::compare).orElse(0);
      int by = members[0]; // no parsed answer: the first member's
      for (int j : members) { // the most frequent letter; among equals the earliest member's
        if (parse(i, j) != null && count.get(parse(i, j)) == max) {
          by = j;
          break;
        }
      }
      score += data.score(i, by);
    }
    PolicyEstimate e = PolicyEstimate.of(new AnswerPolicy.Vote(members), data, parsed,
        AnswerFixture.all(data));
    assertThat(e.quality()).isCloseTo(score / data.rows(), within(1e-12));
    assertThat(e.callRate()).containsExactly(0, 1, 1, 1);
  }

  @Test
  void optionTableChargesCascadesTheirRealisedOutcome() {
    PolicyEstimate e = PolicyEstimate.of(new AnswerPolicy.Cascade(0, 2, 3), data, parsed,
        AnswerFixture.all(data));
    int n = data.rows();
    int m = data.modelCount();
    double[] p = new double[n * m];
    double[] est = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        p[i * m + j] = AnswerFixture.ACCURACY[j];
        est[i * m + j] = AnswerFixture.COST[j];
      }
    }
    OptionTable t = OptionTable.build(data, p, est, new int[0], parsed, List.of(e), null, -1);
    int[] choice = new int[n];
    java.util.Arrays.fill(choice, m); // the cascade's column
    double[] realised = t.realise(choice);
    assertThat(realised[0] / n).isCloseTo(e.meanCost(), within(1e-12));
    assertThat(realised[1]).isCloseTo(e.quality(), within(1e-12));
    assertThat(realised[2]).isCloseTo(e.quality(), within(1e-12));
  }

  @Test
  void catalogOffersOnlyUndominatedPoliciesChosenOnTheGivenRows() {
    List<PolicyEstimate> offered = PolicyCatalog.choose(data, parsed, AnswerFixture.all(data),
        true, true, -1);
    assertThat(offered).isNotEmpty().hasSizeLessThanOrEqualTo(PolicyCatalog.MAX_OFFERED);
    double[] accuracy = new double[data.modelCount()];
    for (int i = 0; i < data.rows(); i++) {
      for (int j = 0; j < accuracy.length; j++) {
        accuracy[j] += data.score(i, j) / data.rows();
      }
    }
    for (PolicyEstimate e : offered) {
      for (int j = 0; j < accuracy.length; j++) {
        boolean dominated = AnswerFixture.COST[j] <= e.meanCost() && accuracy[j] >= e.quality()
            && (AnswerFixture.COST[j] < e.meanCost() || accuracy[j] > e.quality());
        assertThat(dominated).as(e.policy().name(data.models()) + " vs " + j).isFalse();
      }
    }
    assertThat(PolicyCatalog.combinations(5, 3)).hasSize(10);
  }

  private String parse(int i, int j) {
    String a = data.answer(i, j);
    return a.length() == 1 ? a : null;
  }
}
