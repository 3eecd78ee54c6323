package io.allot.solve;

import io.allot.agreement.CascadeDecisionRepository;
import io.allot.agreement.CascadeOffer;
import io.allot.agreement.CascadeOffers;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.spark.catalog.ModelCatalog;
import java.util.List;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step 4, solve: the budget-constrained assignment of the run's problem ({@link NightProblem},
 * with the rules pinned for the run, {@link NightRules}), its LP bound and the Pareto front
 * ({@link NightlySolve}); files in the run's solve folder, figures in assignment_run,
 * pareto_point and dual_price.
 */
@Component
public class SolveStep extends RunStep {
  public static final String NAME = "solve";

  private final RunRepository runs;
  private final SparkSessions spark;
  private final AllotProperties props;
  private final SelectLlmProperties selectLlm;
  private final ParetoPointRepository pareto;
  private final DualPriceRepository duals;
  private final NightProblem problems;
  private final SolveSettings settings;
  private final int[] subsetSizes;
  private final int catalogSize;
  private final CascadeOffers cascades;
  private final CascadeDecisionRepository cascadeDecisions;

  public SolveStep(RunRepository runs, SparkSessions spark, ModelCatalog catalog, AllotProperties props,
      SelectLlmProperties selectLlm, ParetoPointRepository pareto, DualPriceRepository duals, CascadeOffers cascades,
      CascadeDecisionRepository cascadeDecisions) {
    super(runs);
    this.runs = runs;
    this.spark = spark;
    this.props = props;
    this.selectLlm = selectLlm;
    this.pareto = pareto;
    this.duals = duals;
    this.problems = new NightProblem(catalog);
    this.cascades = cascades;
    this.cascadeDecisions = cascadeDecisions;
    // Checked when the app starts, so a bad setting stops the run before ingest and scoring.
    this.subsetSizes = selectLlm.sizes(catalog.size());
    this.catalogSize = catalog.size();
    this.settings = SolveSettings.of(props.solver());
    SolvePath.choose(props.solver().distributed(), 0, 1); // a bad mode stops the app at start too
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    NightRules rules = NightRules.pin(run.folder(), NightRules.of(props));
    CascadeOffer offer = cascades.pin(run);
    // The path is chosen on the count the reader takes anyway, before any row is loaded.
    NightProblem.Built problem = problems.build(spark.get(), run, subsetSizes, rules,
        queries -> SolvePath.requireDriver(props.solver().distributed(), queries, catalogSize));
    BudgetSpec budget = BudgetSpec.parse(run.settings().budget());
    AllotProperties.Solver cfg = props.solver();
    SolveOutputs out = new NightlySolve(settings, cfg.paretoLevels(), cfg.paretoPolish(), cfg.paretoSampleQueries()).solve(run.runId(),
        problem.problem(), budget, run.solveDir(), selectLlm.subsetSizes(), problem.kinds(),
        cascades.settings().reserveSd(), offer == null ? null : offer.lines());
    FaultPoints.reached("solve.written");
    runs.recordSolve(run.runId(), out.budgetUsd(), out.totalCostUsd(), out.expectedQuality(), out.lpBound(),
        out.gap());
    pareto.replace(run.runId(), out.pareto());
    duals.replace(run.runId(), out.constraints() == null ? List.of() : out.constraints());
    if (offer != null) {
      cascadeDecisions.replace(run.runId(), offer.decisions(), out.cascades().costSdUsd(), out.cascades().reserveUsd());
    }
    contribution.incrementWriteCount(out.rows());
  }
}
