package io.allot.cascade;

import io.allot.catalog.ModelCatalog;
import io.allot.config.SparkSessions;
import io.allot.job.FaultPoints;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import io.allot.score.HistoryInputs;
import io.allot.score.ScoringJob;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Step after solve: the night's two-tier cascade policy per tenant and task, under the budget the
 * solve step resolved, with the small model's correctness calibrated on history outcomes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CascadeProperties.class)
public class RoutingPolicyStepConfig {
  public static final String STEP = "routingPolicy";
  private static final Logger log = LoggerFactory.getLogger(RoutingPolicyStepConfig.class);

  @Bean(STEP)
  Step routingPolicy(JobRepository repository, RunRepository runs, SparkSessions spark, ModelCatalog catalog,
      CascadeProperties props, RoutingPolicyRepository policies) {
    return new StepBuilder(STEP, repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) {
        CascadeSettings settings = props.settings();
        SmallModelCalibration.checkMethod(props.calibration());
        double budget = policies.solvedBudgetUsd(run.runId());
        CascadeNight night = CascadeNightReader.read(spark.get(), run.scoreDir().resolve(ScoringJob.SCORED_DIR),
            catalog);
        HistoryInputs history = HistoryInputs.find(Path.of(run.settings().logRoot()),
            Path.of(run.settings().outcomesRoot()), run.settings().runDate(), run.settings().historyDays());
        SmallModelCalibration.Fitted fitted = calibrate(spark, catalog, props, history);
        CascadePlan plan = new CascadePlanner(settings).plan(night, budget,
            fitted == null ? null : fitted.calibrator());
        String smallId = night.problem().optionId(night.smallOption());
        policies.replace(run.runId(), plan.groups(), smallId, fitted == null ? null : fitted.report());
        FaultPoints.reached("routing.written");
        contribution.incrementWriteCount(plan.groups().size());
        log.info(String.format(Locale.ROOT, "run %d routing policy: %d tenant/task rows, budget $%.2f, p = %.4f,"
            + " %d of %d queries escalated, cost $%.2f, expected quality %.4f", run.runId(), plan.groups().size(),
            budget, plan.escalationFraction(), plan.escalatedQueries(), night.size(), plan.totalCostUsd(),
            plan.expectedQuality()));
      }
    }, StepTransactions.none()).build();
  }

  private static SmallModelCalibration.Fitted calibrate(SparkSessions spark, ModelCatalog catalog,
      CascadeProperties props, HistoryInputs history) {
    Optional<SmallModelOutcomes> labelled = SmallModelHistory.read(spark.get(), history.logs(), history.outcomes(),
        catalog);
    int have = labelled.map(SmallModelOutcomes::size).orElse(0);
    if (have < Math.max(2, props.minLabelledOutcomes())) {
      log.warn("only {} labelled small-model outcomes with a margin in the history (allot.cascade.min-labelled-outcomes"
          + " = {}): kept queries use the score step's quality estimate, uncalibrated", have,
          props.minLabelledOutcomes());
      return null;
    }
    SmallModelCalibration.Fitted fitted = SmallModelCalibration.fit(labelled.get(), props.calibration(),
        props.heldOutShare());
    log.info("{}", fitted.report());
    return fitted;
  }
}
