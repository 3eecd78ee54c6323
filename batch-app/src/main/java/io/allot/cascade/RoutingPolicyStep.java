package io.allot.cascade;

import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/** Step 5, routingPolicy: the two-tier cascade's routing_policy rows ({@link RoutingPolicyWriter}). */
@Component
public class RoutingPolicyStep extends RunStep {
  public static final String NAME = "routingPolicy";

  private final RoutingPolicyWriter writer;

  public RoutingPolicyStep(RunRepository runs, RoutingPolicyWriter writer) {
    super(runs);
    this.writer = writer;
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) {
    int rows = writer.write(run);
    FaultPoints.reached("routing.written");
    contribution.incrementWriteCount(rows);
  }
}
