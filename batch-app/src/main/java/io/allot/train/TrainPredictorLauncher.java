package io.allot.train;

import io.allot.run.DeadExecutions;
import io.allot.run.RunLock;


import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Starts the trainPredictor job for a date: a failed training of that date is resumed (same
 * version id), a completed one is followed by a new attempt, which is a new version.
 */
@Component
public class TrainPredictorLauncher {
  static final String PARAM_DATE = "train.date";
  static final String PARAM_ATTEMPT = "train.attempt";
  static final String PARAM_SETTINGS = "train.settings";

  private final JobLauncher launcher;
  private final JobExplorer explorer;
  private final JobRepository repository;
  private final Job job;
  private final DataSource dataSource;

  public TrainPredictorLauncher(JobLauncher launcher, JobExplorer explorer, JobRepository repository,
      @Qualifier(TrainPredictorJobConfig.JOB_NAME) Job job, DataSource dataSource) {
    this.launcher = launcher;
    this.explorer = explorer;
    this.repository = repository;
    this.job = job;
    this.dataSource = dataSource;
  }

  /**
   * Holds the date's training lock while it runs, so a training left STARTED by a killed process
   * can be marked FAILED and resumed (otherwise Spring Batch refuses it as still running).
   */
  public JobExecution run(TrainPredictorRequest request) throws Exception {
    try (RunLock ignored = RunLock.acquireTraining(dataSource, request.date())) {
      JobParameters params = parameters(request);
      DeadExecutions.markFailed(repository, job.getName(), params, "trainPredictor " + request.date());
      return launcher.run(job, params);
    }
  }

  private JobParameters parameters(TrainPredictorRequest request) {
    long attempt = 0;
    for (JobInstance inst : explorer.getJobInstances(TrainPredictorJobConfig.JOB_NAME, 0, Integer.MAX_VALUE)) {
      JobExecution e = explorer.getLastJobExecution(inst);
      if (e != null && request.date().equals(e.getJobParameters().getLocalDate(PARAM_DATE))) {
        long a = e.getJobParameters().getLong(PARAM_ATTEMPT);
        long next = e.getStatus() == BatchStatus.COMPLETED ? a + 1 : a;
        attempt = Math.max(attempt, next);
      }
    }
    return new JobParametersBuilder()
        .addLocalDate(PARAM_DATE, request.date(), true)
        .addLong(PARAM_ATTEMPT, attempt, true)
        .addString(PARAM_SETTINGS, request.toJson(), false)
        .toJobParameters();
  }
}
