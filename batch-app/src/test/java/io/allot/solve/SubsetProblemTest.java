package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.allot.spark.predict.WeightedVote;
import io.allot.solve.AssignmentFile;
import io.allot.solve.AssignmentProblem;
import io.allot.solve.BudgetSpec;
import io.allot.solve.NightlySolve;
import io.allot.solve.OptionUse;
import io.allot.solve.SolveOutputs;
import io.allot.solve.SolveSettings;
import io.allot.testing.JobFixture;
import io.allot.testing.SubsetInstances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ByteArrayResource;

/** SelectLLM subsets as solver options, without Spring: real solver runs on a small seeded night. */
class SubsetProblemTest {
  private static final int N = 400;
  private static final int A = 0;
  private static final int B = 1;
  private static final int C = 2;

  @Test
  void eachQuerysTopThreeVoteIsAnOptionWithSummedCostAndItsVoteProbability() {
    AssignmentProblem p = SubsetInstances.create(N, 3, null);
    AssignmentProblem wide = SubsetProblem.addSubsets(p, new int[] {2, 3});

    // Pairs answer like their better member (dominated), so only triples are offered: a+b+c for
    // most queries; where the cheap model d is strong, the top-3 vote d, a, b loses to d alone.
    assertThat(ids(wide)).containsExactly("a", "b", "c", "d", "a+b+c");
    int abc = 4;
    assertThat(wide.members(abc)).containsExactly(A, B, C);
    int votes = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(wide.quality(i, j)).isEqualTo(p.quality(i, j));
        assertThat(wide.costUsd(i, j)).isEqualTo(p.costUsd(i, j));
      }
      if (i % 5 == 0) {
        assertThat(wide.isAllowed(i, abc)).as("query %d: a+b+c is not its top-3", i).isFalse();
        continue;
      }
      votes++;
      assertThat(wide.costUsd(i, abc)).isCloseTo(p.costUsd(i, A) + p.costUsd(i, B) + p.costUsd(i, C), within(1e-15));
      double vote = WeightedVote.probability(new double[] {p.quality(i, A), p.quality(i, B), p.quality(i, C)});
      assertThat(wide.quality(i, abc)).isEqualTo(vote).isGreaterThan(p.quality(i, A));
    }
    assertThat(votes).isEqualTo(N - N / 5);
  }

  @Test
  void theSolverBuysVotesWhereTheyPayAndChargesCapacityOnEveryMember() throws Exception {
    long capacityOfC = 100;
    AssignmentProblem p = SubsetInstances.create(N, 5, new long[] {N, N, capacityOfC, N});
    AssignmentProblem wide = SubsetProblem.addSubsets(p, new int[] {2, 3});
    Path dir = JobFixture.tempDir("subset-solve");

    SolveOutputs out = new NightlySolve(SolveSettings.defaults().withStepLimits(2_000, 10_000), 0, false)
        .solve(1, wide, BudgetSpec.parse(SubsetInstances.budgetInVoteRange(p, 0.6)), dir, List.of(2, 3));

    Map<String, Long> byOption = new HashMap<>();
    long callsOfC = 0;
    double cost = 0;
    for (String line : Files.readAllLines(out.assignmentFile(dir))) {
      AssignmentFile.Row r = AssignmentFile.parse(line);
      byOption.merge(r.optionId(), 1L, Long::sum);
      callsOfC += r.optionId().equals("c") || r.optionId().equals("a+b+c") ? 1 : 0;
      cost += r.expectedCostUsd();
      if (r.optionId().equals("a+b+c")) {
        int i = Integer.parseInt(r.queryId().substring(2));
        assertThat(r.modelId()).as("the lead member").isEqualTo(lead(p, i));
        assertThat(r.expectedCostUsd()).isCloseTo(p.costUsd(i, A) + p.costUsd(i, B) + p.costUsd(i, C), within(1e-12));
      } else {
        assertThat(r.modelId()).isEqualTo(r.optionId());
      }
    }
    // The budget pays for more votes than c can take: its capacity binds on the votes.
    assertThat(callsOfC).as("c's calls, alone or in a vote").isLessThanOrEqualTo(capacityOfC);
    assertThat(byOption.getOrDefault("a+b+c", 0L)).as("queries given the vote").isGreaterThanOrEqualTo(90);
    // The solver counts cost in nano-dollars: one rounding per query at most.
    assertThat(cost).isCloseTo(out.totalCostUsd(), within(N * 1e-9)).isLessThanOrEqualTo(out.budgetUsd() + 1e-6);

    OptionUse vote = out.options().stream().filter(o -> o.optionId().equals("a+b+c")).findFirst().orElseThrow();
    assertThat(vote.queries()).isEqualTo(byOption.get("a+b+c"));
    assertThat(vote.members()).extracting(OptionUse.Member::modelId).containsExactly("a", "b", "c");
    assertThat(vote.members().stream().mapToDouble(OptionUse.Member::costUsd).sum())
        .isCloseTo(vote.costUsd(), within(1e-9));
    assertThat(out.subsetSizes()).containsExactly(2, 3);
  }

  @Test
  void noSubsetSizesGivesExactlyTheSingleModelSolve() throws Exception {
    AssignmentProblem p = SubsetInstances.create(N, 7, null);
    assertThat(SubsetProblem.addSubsets(p, new int[0])).isSameAs(p);
    NightlySolve solve = new NightlySolve(SolveSettings.defaults().withStepLimits(2_000, 10_000), 3, false);
    Path off = JobFixture.tempDir("subsets-off");
    Path plain = JobFixture.tempDir("subsets-plain");
    SolveOutputs a = solve.solve(1, SubsetProblem.addSubsets(p, new int[0]), BudgetSpec.parse("50%"), off, List.of());
    SolveOutputs b = solve.solve(1, p, BudgetSpec.parse("50%"), plain);

    assertThat(Files.readAllLines(a.assignmentFile(off))).isEqualTo(Files.readAllLines(b.assignmentFile(plain)));
    assertThat(a.totalCostUsd()).isEqualTo(b.totalCostUsd());
    assertThat(a.pareto()).isEqualTo(b.pareto());
    assertThat(a.options()).extracting(OptionUse::optionId).containsExactly(SubsetInstances.MODELS);
    assertThat(Files.readAllLines(a.assignmentFile(off))).allSatisfy(line -> {
      AssignmentFile.Row r = AssignmentFile.parse(line);
      assertThat(r.optionId()).isEqualTo(r.modelId());
    });
  }

  @Test
  void anEmptyListInTheYamlTurnsSubsetsOff() throws Exception {
    assertThat(bind("allot:\n  selectllm:\n    subset-sizes: []\n").sizes(4)).isEmpty();
    assertThat(bind("allot:\n  selectllm:\n    subset-sizes: [3]\n").sizes(4)).containsExactly(3);
    assertThat(bind("allot:\n  other: 1\n").sizes(4)).containsExactly(2, 3);
  }

  @Test
  void badSizesNameTheSetting() {
    assertThatThrownBy(() -> SelectLlmProperties.validate(List.of(1), 5))
        .hasMessageStartingWith("allot.selectllm.subset-sizes contains 1; each subset size must be 2..5");
    assertThatThrownBy(() -> SelectLlmProperties.validate(List.of(6), 7)).hasMessageContaining("must be 2..5");
    assertThatThrownBy(() -> SelectLlmProperties.validate(List.of(4), 3))
        .hasMessage("allot.selectllm.subset-sizes contains 4 but the catalog has only 3 models; each subset size must "
            + "be at most the number of models");
    assertThatThrownBy(() -> SelectLlmProperties.validate(List.of(2, 2), 3)).hasMessageContaining("lists 2 twice");
  }

  private static SelectLlmProperties bind(String yaml) throws Exception {
    var sources = new YamlPropertySourceLoader().load("test", new ByteArrayResource(yaml.getBytes()));
    return new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("allot.selectllm",
        SelectLlmProperties.class);
  }

  private static String lead(AssignmentProblem p, int i) {
    int best = A;
    for (int j : new int[] {A, B, C}) {
      best = p.quality(i, j) > p.quality(i, best) ? j : best;
    }
    return SubsetInstances.MODELS[best];
  }

  private static List<String> ids(AssignmentProblem p) {
    String[] out = new String[p.optionCount()];
    Arrays.setAll(out, p::optionId);
    return List.of(out);
  }
}
