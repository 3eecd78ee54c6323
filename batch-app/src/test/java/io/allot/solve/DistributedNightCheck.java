package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.testing.JobFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Asserted on a nightly job test's own run, so the check costs no job run of its own (CI time):
 * the run was solved on Spark ({@code allot.solver.distributed.mode: distributed}, in-process
 * local Spark; the loopback cluster is StandaloneClusterTest's), and what was published equals the
 * driver path's solve of the same run folder with the rules the step pinned. The night must be no
 * larger than max-polish-queries: every query contested, so both paths agree.
 */
public final class DistributedNightCheck {
  private DistributedNightCheck() {}

  /** @param budget the run's budget setting, e.g. "30%" */
  public static void publishedAsOnTheDriver(ConfigurableApplicationContext app, long runId, String budget)
      throws Exception {
    RunRecord run = app.getBean(RunRepository.class).load(runId);
    assertThat(run.solveDir().resolve(DistributedNightlySolve.PARTS)).as("parts joined and removed").doesNotExist();

    AllotProperties props = app.getBean(AllotProperties.class);
    assertThat(props.solver().distributed().mode()).as("the run went to Spark").isEqualTo("distributed");
    // The driver path on the same run folder, with the rules the step pinned.
    ModelCatalog catalog = app.getBean(ModelCatalog.class);
    SelectLlmProperties selectLlm = app.getBean(SelectLlmProperties.class);
    NightProblem.Built built = new NightProblem(catalog).build(app.getBean(SparkSessions.class).get(), run,
        selectLlm.sizes(catalog.size()), NightRules.read(run.folder()).orElseThrow(), queries -> { });
    SolveSettings solve = SolveSettings.of(props.solver());
    assertThat(built.problem().queryCount()).isBetween(500, solve.maxPolishQueries());
    assertThat(built.problem().optionCount()).as("SelectLLM subsets offered").isGreaterThan(catalog.size());
    Path driverDir = JobFixture.tempDir("driver-solve");
    SolveOutputs driver = new NightlySolve(solve, props.solver().paretoLevels(), props.solver().paretoPolish())
        .solve(runId, built.problem(), BudgetSpec.parse(budget), driverDir, selectLlm.subsetSizes(), built.kinds(),
            0, null);
    SolveOutputs spark = SolveOutputs.read(run.solveDir());

    JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
    Map<String, Object> published = jdbc.queryForMap("SELECT budget_usd, total_cost_usd, expected_quality, lp_bound "
        + "FROM assignment_run WHERE run_id = ?", runId);
    assertThat((Double) published.get("budget_usd")).isCloseTo(driver.budgetUsd(), relative(driver.budgetUsd()));
    assertThat((Double) published.get("total_cost_usd")).isCloseTo(driver.totalCostUsd(),
        relative(driver.totalCostUsd()));
    assertThat((Double) published.get("expected_quality")).isCloseTo(driver.expectedQuality(),
        relative(driver.expectedQuality()));
    assertThat((Double) published.get("lp_bound")).isCloseTo(driver.lpBound(), relative(driver.lpBound()));
    Map<String, Object> rows = jdbc.queryForMap("SELECT count(*) AS n, sum(expected_cost_usd) AS cost, "
        + "avg(expected_quality) AS quality FROM current_assignment");
    assertThat((Long) rows.get("n")).isEqualTo(driver.rows());
    assertThat((Double) rows.get("cost")).isCloseTo(driver.totalCostUsd(), relative(driver.totalCostUsd()));
    assertThat((Double) rows.get("quality")).isCloseTo(driver.expectedQuality(), relative(driver.expectedQuality()));

    // Row for row the same queries on the same options, in the same order.
    List<String> sparkLines = Files.readAllLines(run.solveDir().resolve(SolveOutputs.ASSIGNMENTS));
    assertThat(sparkLines).isEqualTo(Files.readAllLines(driverDir.resolve(SolveOutputs.ASSIGNMENTS)));
    assertThat(spark.options()).extracting(OptionUse::optionId, OptionUse::queries)
        .isEqualTo(driver.options().stream().map(o -> Tuple.tuple(o.optionId(), o.queries()))
            .toList());
    assertThat(spark.constraints()).extracting(DualPriceRow::kind, DualPriceRow::subject, DualPriceRow::used)
        .isEqualTo(driver.constraints().stream().map(r -> Tuple.tuple(r.kind(), r.subject(),
            r.used())).toList());
    assertThat(spark.pareto()).hasSameSizeAs(driver.pareto());
    for (int k = 0; k < driver.pareto().size(); k++) {
      double cost = driver.pareto().get(k).totalCostUsd();
      assertThat(spark.pareto().get(k).totalCostUsd()).isCloseTo(cost, relative(cost));
    }
    assertThat(jdbc.queryForObject("SELECT count(*) FROM pareto_point WHERE run_id = ?", Long.class, runId))
        .isEqualTo(driver.pareto().size());
  }

  private static org.assertj.core.data.Offset<Double> relative(double value) {
    return within(1e-6 * Math.abs(value));
  }
}
