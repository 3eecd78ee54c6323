package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.config.AllotProperties;
import io.allot.solve.SubsetProblem;
import io.allot.testing.SubsetInstances;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tenant rules on SelectLLM subsets: the slowest member's latency, and any disallowed member, exclude a vote. */
class SubsetTenantRulesTest {
  private static final int N = 50;
  private static final int VOTE = 4; // a+b+c, after the models a, b, c, d

  @Test
  void aVoteTakesItsSlowestMembersLatencyAndIsExcludedWithADisallowedMember() {
    ModelCatalog catalog = catalog(new int[] {300, 400, 900, 100});
    AssignmentProblem wide = SubsetProblem.addSubsets(SubsetInstances.create(N, 3, null), new int[] {3});
    assertThat(wide.optionId(VOTE)).isEqualTo("a+b+c");

    AssignmentProblem ruled = ProblemSetup.withTenantRules(wide, catalog, Map.of(
        "t0", new AllotProperties.Tenant(null, null, 800L),         // c (900 ms) is too slow, so the vote is
        "t1", new AllotProperties.Tenant(List.of("b"), null, null))); // b is disallowed, so the vote is
    int checked = 0;
    for (int i = 0; i < N; i++) {
      if (!wide.isAllowed(i, VOTE)) {
        continue;
      }
      checked++;
      assertThat(ruled.isAllowed(i, VOTE)).as("query %d of %s", i, wide.tenant(i)).isFalse();
      assertThat(ruled.isAllowed(i, 0)).isTrue();
    }
    assertThat(checked).isEqualTo(N - N / 5);
    // A rule every member meets leaves the vote allowed.
    AssignmentProblem relaxed = ProblemSetup.withTenantRules(wide, catalog, Map.of(
        "t0", new AllotProperties.Tenant(null, null, 900L), "t1", new AllotProperties.Tenant(List.of("d"), null, null)));
    for (int i = 0; i < N; i++) {
      assertThat(relaxed.isAllowed(i, VOTE)).isEqualTo(wide.isAllowed(i, VOTE));
    }
  }

  private static ModelCatalog catalog(int[] latencyMs) {
    List<ModelSpec> specs = new ArrayList<>();
    for (int j = 0; j < latencyMs.length; j++) {
      specs.add(new ModelSpec(SubsetInstances.MODELS[j], ModelSpec.Kind.API, 0.001, 0.002, null, null, latencyMs[j],
          false, null));
    }
    return new ModelCatalog(specs);
  }
}
