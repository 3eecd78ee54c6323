package io.allot.cli;

import io.allot.job.NightlyJobLauncher;
import io.allot.job.RunRequest;
import io.allot.run.RunSettings;
import java.util.stream.Collectors;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.context.ApplicationContext;

/** Runs the nightly job for a date and turns a failed execution into a readable error. */
final class JobRunner {
  private JobRunner() {}

  /**
   * @param rerun start a fresh run of the date from its first step, with these settings, whether
   *     its last run completed or failed (a failed run whose completed steps left outputs that make
   *     a later step fail every time would otherwise be stuck); without it an unfinished run of the
   *     date is resumed at its failed step with its first attempt's settings.
   */
  static long run(ApplicationContext ctx, RunSettings settings, boolean rerun) throws Exception {
    NightlyJobLauncher launcher = ctx.getBean(NightlyJobLauncher.class);
    long last = launcher.lastAttempt(settings.runDate());
    long attempt = last < 0 ? 0 : rerun ? last + 1 : last;
    JobExecution e = launcher.run(new RunRequest(settings.runDate(), attempt, settings));
    if (e.getStatus() != BatchStatus.COMPLETED) {
      throw failure(e, "run " + e.getJobInstance().getInstanceId() + " for " + settings.runDate(),
          "the run resumes at the failed step with its first settings (add --rerun to start the date over"
              + " from its first step with the settings given now)");
    }
    return e.getJobInstance().getInstanceId();
  }

  /**
   * A failed job execution as one error: what failed, each distinct cause once, and that the same
   * command resumes it ({@code resumes} says how).
   */
  static JobFailedException failure(JobExecution e, String what, String resumes) {
    String why = e.getAllFailureExceptions().stream().map(CliErrors::message).distinct()
        .collect(Collectors.joining("; "));
    java.util.List<Throwable> causes = e.getAllFailureExceptions();
    JobFailedException failed = new JobFailedException(what + " failed: "
        + (why.isBlank() ? e.getExitStatus().getExitDescription() : why)
        + "\nFix the cause and run the same command again: " + resumes + ".", causes.isEmpty() ? null : causes.get(0));
    causes.stream().skip(1).forEach(failed::addSuppressed);  // ExitCodes looks at every cause
    return failed;
  }

  /** The job ended in FAILED; the message says why and how to resume. */
  static class JobFailedException extends RuntimeException {
    JobFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
