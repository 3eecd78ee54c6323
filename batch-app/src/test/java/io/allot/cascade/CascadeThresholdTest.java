package io.allot.cascade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The budget-quantile threshold: the paper's rule on equal costs, and its cost-weighted form. */
class CascadeThresholdTest {

  @Test
  void withEqualCostsTheThresholdIsThePQuantileOfTheMargins() {
    // 100 queries, margins 1..100 in random order; c_small = 0.001, c_large = 0.01.
    List<Double> shuffled = new ArrayList<>();
    for (int k = 1; k <= 100; k++) {
      shuffled.add((double) k);
    }
    Collections.shuffle(shuffled, new Random(3));
    double[] margins = shuffled.stream().mapToDouble(Double::doubleValue).toArray();
    double[] large = new double[100];
    java.util.Arrays.fill(large, 0.01);
    double b = 0.001 + 0.3 * 0.01;
    double p = EscalationThreshold.escalationShare(b, 0.001, 0.01);
    assertThat(p).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-12));

    EscalationThreshold.Result r = EscalationThreshold.fit(margins, large, p * 100 * 0.01);
    assertThat(r.threshold()).isEqualTo(31.0); // escalate margins 1..30: the 0.3-quantile
    assertThat(r.escalated()).isEqualTo(30);
    assertThat(100 * 0.001 + r.escalationCostUsd()).isCloseTo(100 * b, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void pIsClampedToOneAndZero() {
    assertThat(EscalationThreshold.escalationShare(1.0, 0.001, 0.01)).isEqualTo(1.0);
    assertThat(EscalationThreshold.escalationShare(0.0005, 0.001, 0.01)).isEqualTo(0.0);
    double[] m = {0.5, 2, 1};
    double[] c = {1, 1, 1};
    assertThat(EscalationThreshold.fit(m, c, 3).threshold()).isEqualTo(Double.POSITIVE_INFINITY);
    EscalationThreshold.Result none = EscalationThreshold.fit(m, c, 0);
    assertThat(none.escalated()).isZero();
    assertThat(none.threshold()).isEqualTo(0.5);
  }

  @Test
  void withUnequalCostsTheLowestMarginsAreEscalatedUntilTheMoneyRunsOut() {
    Random r = new Random(17);
    double[] m = new double[500];
    double[] c = new double[500];
    double total = 0;
    for (int i = 0; i < m.length; i++) {
      m[i] = Math.exp(r.nextGaussian());
      c[i] = 0.001 + 0.01 * r.nextDouble();
      total += c[i];
    }
    double money = 0.37 * total;
    EscalationThreshold.Result res = EscalationThreshold.fit(m, c, money);
    double spent = 0;
    double cheapestLeftOut = Double.POSITIVE_INFINITY;
    int escalated = 0;
    for (int i = 0; i < m.length; i++) {
      if (m[i] < res.threshold()) {
        spent += c[i];
        escalated++;
      } else if (m[i] == res.threshold()) {
        cheapestLeftOut = c[i];
      }
    }
    assertThat(escalated).isEqualTo(res.escalated());
    assertThat(spent).isLessThanOrEqualTo(money).isCloseTo(res.escalationCostUsd(), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(spent + cheapestLeftOut).as("the next query by margin would not have fitted").isGreaterThan(money);
  }

  @Test
  void tiesAtTheThresholdStayOnTheSmallModel() {
    double[] m = {1, 2, 2, 2, 3};
    double[] c = {1, 1, 1, 1, 1};
    EscalationThreshold.Result r = EscalationThreshold.fit(m, c, 2); // money for 2 of the 3 tied
    assertThat(r.threshold()).isEqualTo(2.0);
    assertThat(r.escalated()).isEqualTo(1);
  }

  @Test
  void negativeMoneyIsRefused() {
    assertThatThrownBy(() -> EscalationThreshold.fit(new double[] {1}, new double[] {1}, -1))
        .hasMessageContaining("escalation money");
  }
}
