package io.allot.run;

import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobRepository;

/**
 * The caller holds the lock of the job's date, so any execution still marked running belongs to a
 * process that died without recording its end. A step left UNKNOWN (its failure could not be
 * recorded, e.g. PostgreSQL itself restarted mid-step) is treated the same way: every step
 * rewrites exactly its own outputs, so running it again is safe, and Spring Batch would otherwise
 * refuse to restart.
 */
public final class DeadExecutions {
  private static final Logger log = LoggerFactory.getLogger(DeadExecutions.class);

  private DeadExecutions() {}

  /** Marks the last execution of these parameters FAILED when a dead process left it running or UNKNOWN. */
  public static void markFailed(JobRepository repository, String jobName, JobParameters params, String what) {
    JobExecution last = repository.getLastJobExecution(jobName, params);
    if (last == null) {
      return;
    }
    List<StepExecution> steps = List.copyOf(last.getStepExecutions());
    boolean unknown = last.getStatus() == BatchStatus.UNKNOWN
        || steps.stream().anyMatch(s -> s.getStatus() == BatchStatus.UNKNOWN);
    if (!last.isRunning() && !unknown) {
      return;
    }
    log.warn("{}: execution {} was left {} by a process that died or lost the database; "
        + "marking it FAILED so it can resume", what, last.getId(), last.getStatus());
    for (StepExecution step : steps) {
      if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN) {
        step.setStatus(BatchStatus.FAILED);
        step.setExitStatus(ExitStatus.FAILED.addExitDescription("process died or lost the database during the step"));
        step.setEndTime(LocalDateTime.now());
        repository.update(step);
      }
    }
    if (last.isRunning() || last.getStatus() == BatchStatus.UNKNOWN) {
      last.setStatus(BatchStatus.FAILED);
      last.setExitStatus(ExitStatus.FAILED.addExitDescription("process died or lost the database during the run"));
      last.setEndTime(LocalDateTime.now());
      repository.update(last);
    }
  }
}
