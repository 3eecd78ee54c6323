package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssignmentProblemTest {
  private static final String[] IDS = {"q-1", "q-2"};
  private static final String[] OPTIONS = {"small", "large"};

  @Test
  void aQueryWithoutAnyAllowedOptionIsNamed() {
    assertThatThrownBy(() -> new AssignmentProblem(IDS, null, OPTIONS,
        new double[] {0.5, 0.9, Double.NaN, 0.8}, new double[] {1, 2, 1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("query 'q-2'")
        .hasMessageContaining("no allowed option");
  }

  @Test
  void matricesMustMatchTheQueryAndOptionCounts() {
    assertThatThrownBy(() -> new AssignmentProblem(IDS, null, OPTIONS,
        new double[] {0.5, 0.9, 0.6}, new double[] {1, 2, 1, 2}))
        .hasMessage("quality has length 3 but the problem needs 4");
  }

  @Test
  void qualityOutsideTheUnitIntervalIsRejected() {
    assertThatThrownBy(() -> new AssignmentProblem(IDS, null, OPTIONS,
        new double[] {0.5, 1.2, 0.6, 0.7}, new double[] {1, 2, 1, 2}))
        .hasMessageContaining("query 'q-1' option 'large'");
  }

  @Test
  void capacityDefaultsToUnlimited() {
    AssignmentProblem p = new AssignmentProblem(IDS, null, OPTIONS,
        new double[] {0.5, 0.9, 0.6, 0.7}, new double[] {1, 2, 1, 2});
    assertThat(p.hasCapacityLimits()).isFalse();
    assertThat(p.capacity(1)).isEqualTo(AssignmentProblem.UNLIMITED);
  }

  @Test
  void capacitiesThatCannotHoldEveryQueryNameTheShortfall() {
    AssignmentProblem p = new AssignmentProblem(new String[] {"q-1", "q-2", "q-3"}, null, OPTIONS,
        new double[] {0.5, 0.9, 0.6, 0.7, 0.4, 0.8}, new double[] {1, 2, 1, 2, 1, 2},
        new long[] {1, 1});
    assertThatThrownBy(() -> new AssignmentSolver().solve(p, 100, SolveSettings.defaults(),
        SolveProgressListener.NONE))
        .isInstanceOf(InfeasibleCapacityException.class)
        .hasMessageContaining("hold at most 2 of 3 queries: raise capacities by at least 1 in total");
  }
}
