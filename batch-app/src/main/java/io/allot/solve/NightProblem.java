package io.allot.solve;

import io.allot.run.RunRecord;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.score.ScoringJob;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Builds a night's solve problem from a run folder, in the one order the solve step and
 * {@code ./allot explain} share: the score step's scored rows, TI-UCB's quality shifts and
 * exploration quotas (select-models step), the SelectLLM subsets of each query's top-k models by
 * those qualities, then the tenant rules and configured quotas (the larger quota wins).
 */
public final class NightProblem {
  private final ModelCatalog catalog;

  public NightProblem(ModelCatalog catalog) {
    this.catalog = catalog;
  }

  /** The problem before and after the hard rules (explain shows why an option was not allowed). */
  public record Built(AssignmentProblem beforeRules, AssignmentProblem problem) {}

  /** All of the run's queries, with its rules. */
  public AssignmentProblem build(SparkSession spark, RunRecord run, int[] subsetSizes, NightRules rules)
      throws IOException {
    return complete(ScoredProblemReader.read(spark, scored(run), catalog), run.folder(), subsetSizes, rules)
        .problem();
  }

  /** The run's scored queries, counted from the Parquet without loading them (for {@link SolvePath}). */
  public long queryCount(SparkSession spark, RunRecord run) {
    return spark.read().parquet(scored(run).toString()).count();
  }

  /** One query of the run, as the solve step saw it. */
  public Built forQuery(SparkSession spark, RunRecord run, String queryId, int[] subsetSizes, NightRules rules)
      throws IOException {
    return complete(ScoredProblemReader.readQuery(spark, scored(run), catalog, queryId), run.folder(), subsetSizes,
        rules);
  }

  Built complete(AssignmentProblem scored, Path runFolder, int[] subsetSizes, NightRules rules) throws IOException {
    AssignmentProblem beforeRules = SubsetProblem.addSubsets(BanditAdjustments.applyFromRun(scored, runFolder),
        subsetSizes);
    AssignmentProblem ruled = ProblemSetup.withConfiguredQuotas(
        ProblemSetup.withTenantRules(beforeRules, catalog, rules.tenants()), rules.quotas());
    return new Built(beforeRules, ruled);
  }

  private static Path scored(RunRecord run) {
    return run.scoreDir().resolve(ScoringJob.SCORED_DIR);
  }
}
