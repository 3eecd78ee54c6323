package io.allot.train;

import io.allot.run.FaultPoints;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.StepTransactions;
import io.allot.spark.train.TrainPredictorJob;
import io.allot.run.HistoryInputs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The trainPredictor job: one step that trains SelectLLM's calibrated per-model classifier on the
 * labelled history (Spark MLlib), saves it under {@code allot.predictor.root/v<version>} and records
 * the version with its held-out metrics. The version id is the job instance id, so a failed
 * training resumed with the same command overwrites its own folder and rows.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PredictorProperties.class)
public class TrainPredictorJobConfig {
  public static final String JOB_NAME = "trainPredictor";
  private static final Logger log = LoggerFactory.getLogger(TrainPredictorJobConfig.class);

  @Bean(JOB_NAME)
  Job trainPredictor(JobRepository repository, Step trainPredictorStep) {
    return new JobBuilder(JOB_NAME, repository).start(trainPredictorStep).build();
  }

  @Bean
  Step trainPredictorStep(JobRepository repository, SparkSessions spark, ModelCatalog catalog,
      PredictorProperties props, AllotProperties allot, PredictorRepository versions) {
    return new StepBuilder(JOB_NAME, repository).tasklet((contribution, chunk) -> {
      long versionId = chunk.getStepContext().getStepExecution().getJobExecution().getJobInstance().getInstanceId();
      TrainPredictorRequest req = TrainPredictorRequest.fromJson(
          chunk.getStepContext().getStepExecution().getJobParameters().getString(TrainPredictorLauncher.PARAM_SETTINGS));
      HistoryInputs history = HistoryInputs.find(Path.of(req.logRoot()), Path.of(req.outcomesRoot()), req.date(),
          req.historyDays());
      if (history.logs().isEmpty() || history.outcomes().isEmpty()) {
        throw new IllegalArgumentException("no labelled history to train on: " + history.logs().size()
            + " log and " + history.outcomes().size() + " outcome partitions (date=YYYY-MM-DD) in the "
            + req.historyDays() + " nights before " + req.date() + " under " + req.logRoot() + " and "
            + req.outcomesRoot());
      }
      String dir = props.rootFolder(allot.workDir()).resolve("v" + versionId).toString();
      log.info("trainPredictor version {}: {} log partitions ({} .. {}), saving to {}", versionId,
          history.logs().size(), first(history.logs()), last(history.logs()), dir);
      TrainPredictorJob.Summary s = TrainPredictorJob.run(spark.get(), new TrainPredictorJob.Params(history.logs(),
          history.outcomes(), catalog, dir, props.settings(), props.testFraction(), props.minRowsPerModel(),
          props.crossModel()));
      FaultPoints.reached("trainPredictor.trained");
      versions.save(versionId, dir, dateOf(first(history.logs())), dateOf(last(history.logs())), s,
          new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
              .writeValueAsString(java.util.Map.of("request", req, "predictor", props)));
      contribution.incrementWriteCount(s.trainRows());
      log.info("trainPredictor version {}: {} models trained, {} left out; recorded in predictor_version", versionId,
          s.trainedModels().size(), s.skippedModels().size());
      return RepeatStatus.FINISHED;
    }, StepTransactions.none()).build();
  }

  private static String first(List<String> partitions) {
    return partitions.get(0);
  }

  private static String last(List<String> partitions) {
    return partitions.get(partitions.size() - 1);
  }

  /** The date of a {@code .../date=YYYY-MM-DD} partition folder (HistoryInputs only returns such). */
  static LocalDate dateOf(String partition) {
    String name = Path.of(partition).getFileName().toString();
    return LocalDate.parse(name.substring("date=".length()));
  }
}
