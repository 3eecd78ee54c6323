package io.allot.bandit.nightly;

import io.allot.bandit.TiUcbSettings;
import io.allot.catalog.ModelCatalog;
import io.allot.config.AllotProperties;
import io.allot.config.SparkSessions;
import io.allot.job.RunRecord;
import io.allot.job.RunRepository;
import io.allot.job.RunStep;
import io.allot.job.StepTransactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Step 3 (between score and solve): TI-UCB folds last night's rewards in and decides per model. */
@Configuration(proxyBeanMethods = false)
public class SelectModelsStepConfig {
  private static final Logger log = LoggerFactory.getLogger(SelectModelsStepConfig.class);

  @Bean("selectModels")
  Step selectModels(JobRepository repository, RunRepository runs, SparkSessions spark, ModelCatalog catalog,
      AllotProperties props, DataSource dataSource) {
    BanditRepository bandit = new BanditRepository(dataSource);
    return new StepBuilder("selectModels", repository).tasklet(new RunStep(runs) {
      @Override
      protected void execute(RunRecord run, StepContribution contribution) throws Exception {
        BanditSettings settings = settings(props.bandit(), run.settings().historyDays());
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
        io.allot.job.FaultPoints.reached("selectModels.written");
        for (ModelSelection.ArmDecision d : r.decisions()) {
          log.info(String.format(Locale.ROOT, "run %d TI-UCB %s: %d nights, trend quality %.4f (shift %+.4f), "
              + "exploration share %.3f: %s", run.runId(), d.modelId(), d.pulls(), d.trendQuality(), d.qualityShift(),
              d.explorationShare(), d.reason()));
        }
        r.events().stream().filter(e -> e.detectedNight().equals(runDate.minusDays(1)))
            .forEach(e -> log.info("run {}: {}", run.runId(), e.message()));
        contribution.incrementWriteCount(lastNight.size());
      }
    }, StepTransactions.none()).build();
  }

  static BanditSettings settings(AllotProperties.Bandit b, int historyDays) {
    try {
      return new BanditSettings(b.enabled(), new TiUcbSettings(b.window(), b.gamma(), b.explorationC(),
          b.slopeConfidence()),
          b.minObservations(), b.explorationShare(), b.maxExplorationShare(), Math.max(1, historyDays));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("allot.bandit settings: " + e.getMessage(), e);
    }
  }
}
