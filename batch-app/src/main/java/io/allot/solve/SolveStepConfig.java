package io.allot.solve;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.solve.SelectLlmProperties;
import io.allot.solve.SubsetProblem;
import java.time.Duration;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 3: the budget-constrained assignment, its LP bound and the Pareto front. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SelectLlmProperties.class)
public class SolveStepConfig {

  @Bean("solve")
  Step solve(JobRepository repository, RunRepository runs, SparkSessions spark, ModelCatalog catalog,
      AllotProperties props, SelectLlmProperties selectLlm, ParetoPointRepository pareto, DualPriceRepository duals) {
    AllotProperties.Solver cfg = props.solver();
    // Checked when the app starts, so a bad setting stops the run before ingest and scoring.
    int[] subsetSizes = selectLlm.sizes(catalog.size());
    SolveSettings settings = SolveSettings.defaults()
        .withPolish(cfg.polish())
        .withPolishTimeLimit(Duration.ofSeconds(cfg.timeLimitSeconds()))
        .withStepLimits((int) cfg.unimprovedStepLimit(), (int) cfg.stepLimit())
        .withRandomSeed(cfg.randomSeed())
        .withDualRounds(cfg.dualRounds());
    return new StepBuilder("solve", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        // TI-UCB's trend-adjusted qualities and exploration quotas (select-models step), the
        // SelectLLM subsets of the top-k models by those qualities, then the configured tenant
        // rules and quotas (the larger quota wins).
        AssignmentProblem problem = ProblemSetup.apply(SubsetProblem.addSubsets(BanditAdjustments.applyFromRun(
            ScoredProblemReader.read(spark.get(), run.scoreDir().resolve("scored"), catalog), run.folder()),
            subsetSizes), catalog, props);
        BudgetSpec budget = BudgetSpec.parse(run.settings().budget());
        SolveOutputs out = new NightlySolve(settings, cfg.paretoLevels(), cfg.paretoPolish()).solve(run.runId(), problem, budget,
            run.solveDir(), selectLlm.subsetSizes());
        FaultPoints.reached("solve.written");
        runs.recordSolve(run.runId(), out.budgetUsd(), out.totalCostUsd(), out.expectedQuality(), out.lpBound(),
            out.gap());
        pareto.replace(run.runId(), out.pareto());
        duals.replace(run.runId(), out.constraints() == null ? java.util.List.of() : out.constraints());
        contribution.incrementWriteCount(out.rows());
      }
    }, StepTransactions.none()).build();
  }
}
