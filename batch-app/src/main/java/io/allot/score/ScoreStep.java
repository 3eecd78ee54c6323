package io.allot.score;

import io.allot.cluster.SparkJobs;
import io.allot.config.SparkSessions;
import io.allot.ingest.RejectedRowsLoader;
import io.allot.run.FaultPoints;
import io.allot.run.HistoryInputs;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.RejectedSchema;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.score.ScoringSummary;
import io.allot.train.PredictorChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step 2, score: uncertainty features, each model's predicted quality and each option's cost
 * (Spark {@link ScoringJob}), from the valid queries, the history window ({@link HistoryInputs})
 * and the predictor version chosen for the run ({@link PredictorChoice}).
 */
@Component
public class ScoreStep extends RunStep {
  public static final String NAME = "score";
  private static final Logger log = LoggerFactory.getLogger(ScoreStep.class);

  private final SparkSessions spark;
  private final SparkJobs sparkJobs;
  private final ModelCatalog catalog;
  private final RejectedRowsLoader rejected;
  private final PredictorChoice predictors;

  public ScoreStep(RunRepository runs, SparkSessions spark, SparkJobs sparkJobs, ModelCatalog catalog,
      RejectedRowsLoader rejected, PredictorChoice predictors) {
    super(runs);
    this.spark = spark;
    this.sparkJobs = sparkJobs;
    this.catalog = catalog;
    this.rejected = rejected;
    this.predictors = predictors;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    HistoryInputs history = HistoryInputs.find(Path.of(run.settings().logRoot()),
        Path.of(run.settings().outcomesRoot()), run.settings().runDate(), run.settings().historyDays());
    log.info("run {}: scoring with {} history log partitions and {} outcome partitions", run.runId(),
        history.logs().size(), history.outcomes().size());
    Optional<PredictorChoice.Choice> predictor = predictors.forRun(run.runId(), run.settings().runDate());
    ScoringSummary s = sparkJobs.score(run.runId(), new ScoringJob.Params(
        run.ingestDir().resolve(IngestJob.VALID_DIR).toString(), catalog, history.logs(), history.outcomes(),
        run.scoreDir().toString(), predictor.map(c -> c.version().path()).orElse(null),
        predictor.map(PredictorChoice.Choice::models).orElse(List.of())));
    FaultPoints.reached("score.written");
    rejected.load(spark.get(), run.runId(), RejectedSchema.SOURCE_OUTCOMES,
        run.scoreDir().resolve(ScoringJob.REJECTED_OUTCOMES_DIR));
    contribution.incrementWriteCount(s.rowsScored());
    log.info("run {}: {}", run.runId(), s);
  }
}
