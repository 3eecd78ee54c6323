package io.allot.cli;

import io.allot.config.AllotProperties;
import io.allot.run.RunSettings;
import io.allot.solve.BudgetSpec;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code allot run}: the nightly job for one date and one log. */
@Command(name = "run", description = "Run the nightly assignment job for one date.")
class RunCommand implements Callable<Integer> {
  @Option(names = "--date", required = true, converter = RunDateCheck.Converter.class,
      description = "The run date: YYYY-MM-DD, or yesterday (UTC), the night that ended.")
  LocalDate date;

  @Option(names = "--log", description = "The night's query log: a JSONL or Parquet file or folder. "
      + "Default: <allot.input.log-root>/date=<date>.")
  Path log;

  @Option(names = "--budget", description = "Budget in USD (e.g. 250) or a share of the range from the cheapest "
      + "to the best-quality assignment (e.g. 30%%). Default: allot.budget-usd.")
  String budget;

  @Option(names = "--log-root", description = "Date-partitioned logs; earlier nights are the labelled history.")
  Path logRoot;

  @Option(names = "--outcomes-root", description = "Date-partitioned outcomes (labels) of earlier nights.")
  Path outcomesRoot;

  @Option(names = "--rerun", description = "Start a fresh run of this date from its first step with the settings "
      + "given now, whether its last run completed or failed (without it a failed run resumes at its failed step).")
  boolean rerun;

  @Option(names = RunDateCheck.FLAG, description = "Allow a --date after today (UTC); it becomes the current run "
      + "and retention prunes the runs dated allot.retention.days before it.")
  boolean allowFutureDate;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    RunDateCheck.refuseFuture(date, allowFutureDate);
    if (budget != null) {
      BudgetSpec.parse(budget);  // fail before starting the database and Spark
    }
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      AllotProperties props = ctx.getBean(AllotProperties.class);
      RunSettings settings = NightInputs.runSettings(props, date, log, budget, logRoot, outcomesRoot);
      long runId = JobRunner.run(ctx, settings, rerun);
      RunSummaryPrinter.print(ctx.getBean(JdbcTemplate.class), runId, System.out, "./allot sql");
    }
    return 0;
  }
}
