package io.allot.cascade;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.SparkSessions;
import io.allot.run.RunRecord;
import io.allot.run.HistoryInputs;
import io.allot.spark.score.ScoringJob;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The routingPolicy step's work: the night's two-tier cascade policy per tenant and task, under the
 * budget the solve step resolved, with the small model's correctness calibrated on history
 * outcomes. It replaces the run's rows whole, so running it again (a restart) leaves the same rows.
 */
@Component
public class RoutingPolicyWriter {
  private static final Logger log = LoggerFactory.getLogger(RoutingPolicyWriter.class);
  private final SparkSessions spark;
  private final ModelCatalog catalog;
  private final CascadeProperties props;
  private final RoutingPolicyRepository policies;

  public RoutingPolicyWriter(SparkSessions spark, ModelCatalog catalog, CascadeProperties props,
      RoutingPolicyRepository policies) {
    this.spark = spark;
    this.catalog = catalog;
    this.props = props;
    this.policies = policies;
  }

  /** @return the number of routing_policy rows written */
  public int write(RunRecord run) {
    CascadeSettings settings = props.settings();
    SmallModelCalibration.checkMethod(props.calibration());
    double budget = policies.solvedBudgetUsd(run.runId());
    CascadeNight night = CascadeNightReader.read(spark.get(), run.scoreDir().resolve(ScoringJob.SCORED_DIR), catalog);
    HistoryInputs history = HistoryInputs.find(Path.of(run.settings().logRoot()),
        Path.of(run.settings().outcomesRoot()), run.settings().runDate(), run.settings().historyDays());
    SmallModelCalibration.Fitted fitted = calibrate(history);
    CascadePlan plan = new CascadePlanner(settings).plan(night, budget, fitted == null ? null : fitted.calibrator());
    String smallId = night.problem().optionId(night.smallOption());
    policies.replace(run.runId(), plan.groups(), smallId, fitted == null ? null : fitted.report());
    log.info(String.format(Locale.ROOT, "run %d routing policy: %d tenant/task rows, budget $%.2f, p = %.4f,"
        + " %d of %d queries escalated, cost $%.2f, expected quality %.4f", run.runId(), plan.groups().size(),
        budget, plan.escalationFraction(), plan.escalatedQueries(), night.size(), plan.totalCostUsd(),
        plan.expectedQuality()));
    return plan.groups().size();
  }

  private SmallModelCalibration.Fitted calibrate(HistoryInputs history) {
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
