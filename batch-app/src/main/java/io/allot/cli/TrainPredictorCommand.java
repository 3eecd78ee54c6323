package io.allot.cli;

import io.allot.config.AllotProperties;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot train-predictor}: the trainPredictor job on the labelled history before a date. */
@Command(name = "train-predictor", description = "Train the quality predictor (SelectLLM classifier) on the "
    + "labelled history; the nightly score step uses the newest version.")
class TrainPredictorCommand implements Callable<Integer> {
  @Option(names = "--date", description = "Train on the history nights before this date (YYYY-MM-DD), the window "
      + "the nightly run of that date scores with. Default: today.")
  LocalDate date;

  @Option(names = "--log-root", description = "Date-partitioned query logs. Default: allot.input.log-root.")
  Path logRoot;

  @Option(names = "--outcomes-root", description = "Date-partitioned outcomes. Default: allot.input.outcomes-root.")
  Path outcomesRoot;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      long version = PredictorTraining.train(ctx, NightInputs.trainRequest(ctx.getBean(AllotProperties.class),
          date == null ? LocalDate.now() : date, logRoot, outcomesRoot));
      PredictorTraining.printVersion(ctx.getBean(JdbcTemplate.class), version, System.out);
    }
    return 0;
  }
}
