package io.allot.cli;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.run.RunSettings;
import io.allot.solve.BudgetSpec;
import io.allot.train.TrainPredictorRequest;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * What a command's options and the settings say a job reads: the night's log, the date-partitioned
 * roots and the history window. Shared by run, train-predictor and demo, so each reads its inputs
 * the same way.
 */
final class NightInputs {
  private NightInputs() {}

  /** The nightly run's settings; a null option falls back to its configured setting. */
  static RunSettings runSettings(AllotProperties props, LocalDate date, Path log, String budget, Path logRoot,
      Path outcomesRoot) {
    Path logs = root(logRoot, props.input().logRoot());
    Path outcomes = root(outcomesRoot, props.input().outcomesRoot());
    Path night = log != null ? log.toAbsolutePath() : logs.resolve("date=" + date);
    String b = budget != null ? budget : String.valueOf(props.budgetUsd());
    BudgetSpec.parse(b);
    return new RunSettings(date, night.normalize().toString(), logs.toString(), outcomes.toString(),
        props.input().historyDays(), b);
  }

  /** The trainPredictor job's request: the history window before {@code date}. */
  static TrainPredictorRequest trainRequest(AllotProperties props, LocalDate date, Path logRoot, Path outcomesRoot) {
    return new TrainPredictorRequest(date, root(logRoot, props.input().logRoot()).toString(),
        root(outcomesRoot, props.input().outcomesRoot()).toString(), props.input().historyDays());
  }

  /** A date-partitioned root: the one given on the command line, else the configured one; absolute. */
  static Path root(Path given, String configured) {
    return (given != null ? given.toAbsolutePath() : AllotHome.path(configured)).normalize();
  }
}
