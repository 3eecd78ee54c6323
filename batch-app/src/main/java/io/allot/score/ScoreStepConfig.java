package io.allot.score;

import io.allot.job.HistoryInputs;
import io.allot.spark.score.ScoringJob;
import io.allot.spark.score.ScoringSummary;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.cluster.SparkJobs;
import io.allot.config.SparkSessions;
import io.allot.spark.ingest.IngestJob;
import io.allot.ingest.RejectedRowsLoader;
import io.allot.spark.ingest.RejectedSchema;
import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.train.PredictorChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 2: uncertainty features, each model's predicted quality and each option's cost (Spark). */
@Configuration(proxyBeanMethods = false)
public class ScoreStepConfig {
  private static final Logger log = LoggerFactory.getLogger(ScoreStepConfig.class);

  @Bean("score")
  Step score(JobRepository repository, RunRepository runs, SparkSessions spark, SparkJobs sparkJobs,
      ModelCatalog catalog, RejectedRowsLoader rejected, PredictorChoice predictors) {
    return new StepBuilder("score", repository).tasklet(new RunStep(runs) {
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
    }, StepTransactions.none()).build();
  }
}
