package io.allot.bandit.nightly;

import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.run.FaultPoints;
import io.allot.run.RunRecord;
import io.allot.run.RunRepository;
import io.allot.run.RunStep;
import io.allot.spark.catalog.ModelCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.stereotype.Component;

/**
 * Step 3, selectModels: TI-UCB folds last night's rewards in ({@link NightRewards}, {@link
 * BanditRepository}) and decides per model; the decisions go to the run folder
 * ({@link QualityAdjustments}) for the solve step.
 */
@Component
public class SelectModelsStep extends RunStep {
  public static final String NAME = "selectModels";
  private static final Logger log = LoggerFactory.getLogger(SelectModelsStep.class);

  private final SparkSessions spark;
  private final ModelCatalog catalog;
  private final AllotProperties props;
  private final BanditRepository bandit;

  public SelectModelsStep(RunRepository runs, SparkSessions spark, ModelCatalog catalog, AllotProperties props,
      DataSource dataSource) {
    super(runs);
    this.spark = spark;
    this.catalog = catalog;
    this.props = props;
    this.bandit = new BanditRepository(dataSource);
  }

  @Override
  protected void execute(RunRecord run, StepContribution contribution) throws Exception {
    BanditSettings settings = BanditSettings.of(props.bandit(), run.settings().historyDays());
    if (!settings.enabled()) {
      Files.deleteIfExists(run.folder().resolve(QualityAdjustments.FILE));
      log.info("run {}: TI-UCB is off (allot.bandit.enabled=false): no quality shift, no exploration quotas",
          run.runId());
      return;
    }
    LocalDate runDate = run.settings().runDate();
    List<ModelSelection.Observation> lastNight = NightRewards.read(spark.get(), Path.of(run.settings().logRoot()),
        Path.of(run.settings().outcomesRoot()), runDate.minusDays(1), catalog);
    ModelSelection.Result r = bandit.update(run.runId(), runDate, catalog.ids(), lastNight, settings);
    QualityAdjustments.write(run.folder(), r.decisions());
    FaultPoints.reached("selectModels.written");
    for (ModelSelection.ArmDecision d : r.decisions()) {
      log.info(String.format(Locale.ROOT, "run %d TI-UCB %s: %d nights, trend quality %.4f (shift %+.4f), "
          + "exploration share %.3f: %s", run.runId(), d.modelId(), d.pulls(), d.trendQuality(), d.qualityShift(),
          d.explorationShare(), d.reason()));
    }
    r.events().stream().filter(e -> e.detectedNight().equals(runDate.minusDays(1)))
        .forEach(e -> log.info("run {}: {}", run.runId(), e.message()));
    contribution.incrementWriteCount(lastNight.size());
  }
}
