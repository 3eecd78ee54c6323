package io.allot.run;

import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * A step of the nightly job that works on one run. Each step rewrites all of its own output, so
 * running it again after a crash gives the same result as running it once.
 */
public abstract class RunStep implements Tasklet {
  private final RunRepository runs;

  protected RunStep(RunRepository runs) {
    this.runs = runs;
  }

  @Override
  public final RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
    var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
    long runId = jobExecution.getJobInstance().getInstanceId();
    String settingsJson = jobExecution.getJobParameters().getString(RunSettings.JOB_PARAMETER);
    if (settingsJson == null) {
      throw new IllegalStateException("job parameter " + RunSettings.JOB_PARAMETER
          + " is missing: start runs with ./allot run or ./allot demo");
    }
    RunSettings settings = RunSettings.fromJson(settingsJson);
    RunLock.verifyHeld(settings.runDate(), chunk.getStepContext().getStepName());
    RunRecord run = runs.startOrResume(runId, settings);
    execute(run, contribution);
    return RepeatStatus.FINISHED;
  }

  protected abstract void execute(RunRecord run, StepContribution contribution) throws Exception;
}
