package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.bandit.nightly.QualityAdjustments;
import java.util.List;
import org.junit.jupiter.api.Test;

class BanditAdjustmentsTest {

  private static AssignmentProblem problem() {
    // 4 queries x 3 options; query 3 may not use option "c" (NaN quality)
    return new AssignmentProblem(new String[] {"q0", "q1", "q2", "q3"}, null, new String[] {"a", "b", "c"},
        new double[] {0.5, 0.95, 0.1, 0.6, 0.9, 0.2, 0.7, 0.8, 0.3, 0.4, 0.85, Double.NaN},
        new double[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3}, new long[] {10, 10, 1});
  }

  @Test
  void shiftsEachModelsQualityWithinZeroAndOne() {
    AssignmentProblem p = BanditAdjustments.apply(problem(), List.of(
        new QualityAdjustments.Adjustment("b", 0.1, 0), new QualityAdjustments.Adjustment("c", -0.15, 0)));
    assertThat(p.quality(0, 0)).isEqualTo(0.5);
    assertThat(p.quality(0, 1)).isEqualTo(1.0); // 0.95 + 0.1, clamped
    assertThat(p.quality(2, 1)).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(p.quality(0, 2)).isEqualTo(0.0); // 0.1 - 0.15, clamped
    assertThat(p.isAllowed(3, 2)).isFalse();
    assertThat(p.costUsd(1, 2)).isEqualTo(3);
    assertThat(p.capacity(2)).isEqualTo(1);
  }

  @Test
  void quotasAreTheShareOfQueriesCappedByCapacityAndAllowedQueries() {
    AssignmentProblem p = BanditAdjustments.apply(problem(), List.of(
        new QualityAdjustments.Adjustment("a", 0, 0.5), new QualityAdjustments.Adjustment("c", 0, 0.5)));
    assertThat(p.minimumQueries(0)).isEqualTo(2);
    assertThat(p.minimumQueries(1)).isZero();
    assertThat(p.minimumQueries(2)).as("capacity 1").isEqualTo(1);
  }

  @Test
  void withoutAdjustmentsTheProblemIsUnchanged() throws Exception {
    AssignmentProblem p = problem();
    assertThat(BanditAdjustments.applyFromRun(p, io.allot.testing.JobFixture.tempDir("no-bandit"))).isSameAs(p);
  }
}
