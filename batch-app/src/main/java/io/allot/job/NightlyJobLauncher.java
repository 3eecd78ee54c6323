package io.allot.job;

import io.allot.run.DeadExecutions;
import io.allot.run.RunLock;
import io.allot.run.RunSettings;
import javax.sql.DataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Starts or resumes the nightly job for a date. It holds the date's run lock for the whole run,
 * and first marks executions left STARTED by a killed process as FAILED, which is what lets
 * Spring Batch restart them at the step that was interrupted.
 */
@Component
public class NightlyJobLauncher {
  public static final String PARAM_DATE = "run.date";
  public static final String PARAM_ATTEMPT = "run.attempt";
  public static final String PARAM_SETTINGS = RunSettings.JOB_PARAMETER;

  private final JobLauncher launcher;
  private final JobRepository repository;
  private final Job job;
  private final DataSource dataSource;
  private final JobExplorer explorer;

  public NightlyJobLauncher(JobLauncher launcher, JobRepository repository, JobExplorer explorer,
      @Qualifier(NightlyJobConfig.JOB_NAME) Job job, DataSource dataSource) {
    this.launcher = launcher;
    this.explorer = explorer;
    this.repository = repository;
    this.job = job;
    this.dataSource = dataSource;
  }

  public JobExecution run(RunRequest request) throws Exception {
    JobParameters params = new JobParametersBuilder()
        .addLocalDate(PARAM_DATE, request.runDate(), true)
        .addLong(PARAM_ATTEMPT, request.attempt(), true)
        .addString(PARAM_SETTINGS, request.settings().toJson(), false)
        .toJobParameters();
    try (RunLock ignored = RunLock.acquire(dataSource, request.runDate())) {
      abandonDeadExecutions(params);
      try {
        return launcher.run(job, params);
      } catch (JobInstanceAlreadyCompleteException e) {
        throw new RunAlreadyCompleteException("the run for " + request.runDate() + " (attempt " + request.attempt()
            + ") already completed; add --rerun to run that date again as a new run");
      }
    }
  }

  /** The most recent attempt number used for a date, or -1 when the date never ran. */
  public long lastAttempt(java.time.LocalDate date) {
    long last = -1;
    for (JobInstance inst : explorer.getJobInstances(NightlyJobConfig.JOB_NAME, 0, Integer.MAX_VALUE)) {
      JobExecution e = explorer.getLastJobExecution(inst);
      if (e != null && date.equals(e.getJobParameters().getLocalDate(PARAM_DATE))) {
        Long a = e.getJobParameters().getLong(PARAM_ATTEMPT);
        last = Math.max(last, a == null ? 0 : a);
      }
    }
    return last;
  }

  /** Whether the given attempt for a date ended COMPLETED. */
  public boolean isComplete(java.time.LocalDate date, long attempt) {
    JobExecution e = repository.getLastJobExecution(NightlyJobConfig.JOB_NAME, new JobParametersBuilder()
        .addLocalDate(PARAM_DATE, date, true).addLong(PARAM_ATTEMPT, attempt, true).toJobParameters());
    return e != null && e.getStatus() == BatchStatus.COMPLETED;
  }

  /** We hold the date's lock: an execution still marked running belongs to a process that died. */
  private void abandonDeadExecutions(JobParameters params) {
    DeadExecutions.markFailed(repository, job.getName(), params, "run " + params.getLocalDate(PARAM_DATE) + " attempt "
        + params.getLong(PARAM_ATTEMPT));
  }

  /** The date and attempt already ran to completion. */
  public static class RunAlreadyCompleteException extends RuntimeException {
    public RunAlreadyCompleteException(String message) {
      super(message);
    }
  }
}
