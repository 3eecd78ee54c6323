package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import io.allot.config.AllotProperties;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.testing.JobFixture;
import io.allot.testing.SubsetInstances;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The solve problem's order (adjustments, subsets, rules) and the rules a run pins. */
class NightProblemTest {
  private static final int N = 50;

  @Test
  void aRunKeepsTheRulesOfItsFirstSolve() throws Exception {
    Path run = JobFixture.tempDir("pinned-rules");
    assertThat(NightRules.read(run)).isEmpty();
    NightRules first = new NightRules(Map.of("t0", new AllotProperties.Tenant(List.of("b"), 40.0, null)),
        Map.of("a", 5L));
    NightRules today = new NightRules(Map.of(), Map.of());
    assertThat(NightRules.pin(run, first)).isEqualTo(first);
    assertThat(NightRules.pin(run, today)).as("a restarted solve").isEqualTo(first);
    assertThat(NightRules.read(run)).contains(first);
  }

  @Test
  void subsetsAreAddedBeforeTheRulesSoTheRulesCoverThem() throws Exception {
    Path run = JobFixture.tempDir("night-problem");
    AssignmentProblem scored = SubsetInstances.create(N, 3, null);
    NightRules rules = new NightRules(Map.of("t1", new AllotProperties.Tenant(List.of("b"), null, null)),
        Map.of("a", 7L));
    NightProblem.Built built = new NightProblem(catalog()).complete(scored, run, new int[] {3}, rules);
    int vote = 4; // a+b+c, after the models a, b, c, d
    assertThat(built.beforeRules().optionId(vote)).isEqualTo("a+b+c");
    assertThat(built.problem().minimumQueries(0)).isEqualTo(7);
    int checked = 0;
    for (int i = 0; i < N; i++) {
      if (built.beforeRules().tenant(i).equals("t1") && built.beforeRules().isAllowed(i, vote)) {
        assertThat(built.problem().isAllowed(i, vote)).as("query %d: its vote calls b", i).isFalse();
        assertThat(built.problem().isAllowed(i, 1)).isFalse();
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  private static ModelCatalog catalog() {
    List<ModelSpec> specs = new ArrayList<>();
    for (String id : SubsetInstances.MODELS) {
      specs.add(new ModelSpec(id, ModelSpec.Kind.API, 0.001, 0.002, null, null, 100, false, null));
    }
    return new ModelCatalog(specs);
  }
}
