package io.allot.solve;

import io.allot.agreement.CascadeOffer;
import io.allot.run.RunRecord;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoredSchema;
import io.allot.spark.score.ScoringJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a night's solve problem from a run folder, in the one order the solve step and
 * {@code ./allot explain} share: the score step's scored rows, TI-UCB's quality shifts and
 * exploration quotas (select-models step), the SelectLLM subsets of each query's top-k models by
 * those qualities, the cascades the solve step pinned for the run ({@link CascadeOffer}), then the
 * tenant rules and configured quotas (the larger quota wins).
 */
public final class NightProblem {
  private final ModelCatalog catalog;

  public NightProblem(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * The problem before and after the hard rules (explain shows why an option was not allowed), and
   * the kinds of its options (single, vote, cascade).
   */
  public record Built(AssignmentProblem beforeRules, AssignmentProblem problem, OptionKinds kinds,
      EscalationRates.Shifts escalationShifts) {}

  /**
   * All of the run's queries, with its rules.
   *
   * @param beforeLoad called with the night's query count before its rows are loaded (it may stop the load)
   */
  public Built build(SparkSession spark, RunRecord run, int[] subsetSizes, NightRules rules, LongConsumer beforeLoad)
      throws IOException {
    Dataset<Row> rows = spark.read().parquet(scored(run).toString());
    AssignmentProblem scored = ScoredProblemReader.read(spark, scored(run), catalog, beforeLoad);
    Built built = complete(scored, run.folder(), subsetSizes, rules, tasks(rows, scored, run.folder()), null);
    if (built.escalationShifts() != null) {
      built.escalationShifts().write(run.folder()); // fitted on the whole night: explain reads them back
    }
    return built;
  }

  /** One query of the run, as the solve step saw it. */
  public Built forQuery(SparkSession spark, RunRecord run, String queryId, int[] subsetSizes, NightRules rules)
      throws IOException {
    Dataset<Row> all = spark.read().parquet(scored(run).toString());
    AssignmentProblem scored = ScoredProblemReader.readQuery(spark, scored(run), catalog, queryId);
    return complete(scored, run.folder(), subsetSizes, rules,
        tasks(all.filter(all.col(ScoredSchema.QUERY_ID).equalTo(queryId)), scored, run.folder()),
        EscalationRates.Shifts.read(run.folder()));
  }

  /** The tasks when the run pinned cascades, else null (no read). */
  private static ScoredTasks tasks(Dataset<Row> rows, AssignmentProblem scored, Path runFolder) throws IOException {
    CascadeOffer offer = CascadeOffer.read(runFolder);
    return offer == null || offer.offered().isEmpty() ? null : ScoredTasks.read(rows, scored);
  }

  Built complete(AssignmentProblem scored, Path runFolder, int[] subsetSizes, NightRules rules) throws IOException {
    return complete(scored, runFolder, subsetSizes, rules, null, null);
  }

  /** The same with the scored rows' tasks, so the run's pinned cascades are offered (as {@link #build}). */
  Built complete(AssignmentProblem scored, Path runFolder, int[] subsetSizes, NightRules rules, ScoredTasks tasks)
      throws IOException {
    return complete(scored, runFolder, subsetSizes, rules, tasks, null);
  }

  /** @param pinnedShifts the escalation shifts the solve pinned (explain); null: fitted on these queries */
  private Built complete(AssignmentProblem scored, Path runFolder, int[] subsetSizes, NightRules rules,
      ScoredTasks tasks, EscalationRates.Shifts pinnedShifts) throws IOException {
    AssignmentProblem withSubsets = SubsetProblem.addSubsets(BanditAdjustments.applyFromRun(scored, runFolder),
        subsetSizes);
    CascadeColumns.Added added = tasks == null ? new CascadeColumns.Added(withSubsets, OptionKinds.fixed(withSubsets))
        // P(disagree) per query from the score step's estimates, before TI-UCB's exploration shifts.
        : CascadeColumns.add(withSubsets, scored, tasks.tasks(), tasks.hasSmallAnswer(), tasks.margins(),
            CascadeOffer.read(runFolder), pinnedShifts);
    AssignmentProblem beforeRules = added.problem();
    AssignmentProblem ruled = ProblemSetup.withConfiguredQuotas(
        ProblemSetup.withTenantRules(beforeRules, catalog, rules.tenants()), rules.quotas());
    return new Built(beforeRules, ruled, added.kinds(), added.shifts());
  }

  private static Path scored(RunRecord run) {
    return run.scoreDir().resolve(ScoringJob.SCORED_DIR);
  }
}
