package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.lab.bench.BenchInstances;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Pareto levels on a sample of the night against the levels on the whole night. */
class ParetoSampleTest {
  private static final SolveSettings PRICES_ONLY = SolveSettings.defaults().withPolish(false);

  @Test
  void theSampledFrontFollowsTheWholeFront() {
    AssignmentProblem p = BenchInstances.generate(20_000, 6, 11);
    double published = BenchInstances.budgetAt(p, 0.3);
    SolverBenchmark.Sweep whole = SolverBenchmark.paretoSweep(p, published, PRICES_ONLY, 11, 0);
    SolverBenchmark.Sweep sampled = SolverBenchmark.paretoSweep(p, published, PRICES_ONLY, 11, 4_000);

    assertThat(sampled.levels()).hasSizeGreaterThanOrEqualTo(8);
    // Mean quality per query on 4,000 of 20,000 queries: within a few sampling errors (sd of a
    // quality ~0.15, so ~0.002 at 4,000) of the whole front at the same cost.
    assertThat(SolverBenchmark.largestQualityDeviation(whole.levels(), sampled.levels())).isLessThan(0.01);
    // In the night's dollars: the sampled levels span the whole front's costs.
    double wholeTop = whole.levels().get(whole.levels().size() - 1)[1];
    double sampledTop = sampled.levels().get(sampled.levels().size() - 1)[1];
    assertThat(sampledTop).isCloseTo(wholeTop, within(0.05 * wholeTop));
  }

  @Test
  void theSampleScalesEveryLimitByItsShareAndASmallNightIsNotSampled() {
    AssignmentProblem p = BenchInstances.generate(10_000, 8, 3);
    ParetoSample sample = ParetoSample.of(p, 2_500, 42);
    assertThat(sample.share()).isEqualTo(0.25);
    assertThat(sample.problem().queryCount()).isEqualTo(2_500);
    for (int j = 0; j < p.optionCount(); j++) {
      long cap = p.capacity(j);
      assertThat(sample.problem().capacity(j)).as("option %d", j)
          .isEqualTo(cap == AssignmentProblem.UNLIMITED ? cap : Math.round(cap * 0.25));
    }
    assertThat(ParetoSample.of(p, 2_500, 42).problem().queryId(7)).isEqualTo(sample.problem().queryId(7));
    assertThat(ParetoSample.of(p, 10_000, 42).problem()).isSameAs(p);
    assertThat(ParetoSample.of(p, 0, 42).problem()).isSameAs(p);
    List<ParetoFront.Level> scaled = sample.toNight(List.of(new ParetoFront.Level(10, 8, 0.7, 0.71, 0.01, false)));
    assertThat(scaled.get(0).costUsd()).isEqualTo(32);
    assertThat(scaled.get(0).quality()).isEqualTo(0.7);
  }
}
