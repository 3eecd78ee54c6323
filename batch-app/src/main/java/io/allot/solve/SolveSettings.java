package io.allot.solve;

import io.allot.config.AllotProperties;
import java.time.Duration;
import java.util.Objects;
import org.optaplanner.core.config.solver.EnvironmentMode;

/**
 * How hard and how long to polish.
 *
 * <p>Reruns are identical only when a step limit ends the polish: the time limit is a safety cap,
 * and where it cuts a run off depends on machine load. Keep it well above what the step limits
 * need.
 *
 * @param polishTimeLimit safety cap on the OptaPlanner wall time, applied with terminateEarly()
 * @param unimprovedStepCountLimit stop after this many steps without a new best score
 * @param stepCountLimit stop after this many steps in total
 * @param randomSeed seed for the local search's move selection
 * @param polish false skips OptaPlanner and returns the price construction as it is
 * @param environmentMode OptaPlanner environment mode; REPRODUCIBLE keeps reruns identical
 * @param progressInterval least time between two progress reports during the polish
 * @param maxPolishQueries at most this many of the most contested queries go to the local search;
 *     the rest keep their price-construction choice
 * @param dualRounds rounds of coordinate search over the side-constraint prices (each ends with
 *     the budget price); more rounds tighten the bound when capacities or quotas bind
 */
public record SolveSettings(
    Duration polishTimeLimit,
    int unimprovedStepCountLimit,
    int stepCountLimit,
    long randomSeed,
    boolean polish,
    EnvironmentMode environmentMode,
    Duration progressInterval,
    int maxPolishQueries,
    int dualRounds) {

  public SolveSettings {
    Objects.requireNonNull(polishTimeLimit, "polishTimeLimit");
    Objects.requireNonNull(environmentMode, "environmentMode");
    Objects.requireNonNull(progressInterval, "progressInterval");
    if (unimprovedStepCountLimit <= 0 || stepCountLimit <= 0 || maxPolishQueries <= 0 || dualRounds <= 0) {
      throw new IllegalArgumentException("step limits, maxPolishQueries and dualRounds must be positive");
    }
  }

  /**
   * The engine's base settings for library callers and tests. The application does not use them
   * as they are: the nightly job, evaluate and bench-solver start from {@link #of} (allot.solver.*).
   */
  public static SolveSettings defaults() {
    return new SolveSettings(Duration.ofMinutes(5), 20_000, 500_000, 42L, true,
        EnvironmentMode.REPRODUCIBLE, Duration.ofSeconds(10), 100_000,
        LagrangianPricing.DEFAULT_ROUNDS);
  }

  /** The settings allot.solver.* give (conf/application.yml): the nightly job's and the bench commands'. */
  public static SolveSettings of(AllotProperties.Solver cfg) {
    return defaults()
        .withPolish(cfg.polish())
        .withPolishTimeLimit(Duration.ofSeconds(cfg.timeLimitSeconds()))
        .withStepLimits((int) cfg.unimprovedStepLimit(), (int) cfg.stepLimit())
        .withRandomSeed(cfg.randomSeed())
        .withDualRounds(cfg.dualRounds());
  }

  public SolveSettings withPolish(boolean value) {
    return new SolveSettings(polishTimeLimit, unimprovedStepCountLimit, stepCountLimit, randomSeed,
        value, environmentMode, progressInterval, maxPolishQueries, dualRounds);
  }

  public SolveSettings withStepLimits(int unimproved, int total) {
    return new SolveSettings(polishTimeLimit, unimproved, total, randomSeed, polish,
        environmentMode, progressInterval, maxPolishQueries, dualRounds);
  }

  public SolveSettings withPolishTimeLimit(Duration value) {
    return new SolveSettings(value, unimprovedStepCountLimit, stepCountLimit, randomSeed, polish,
        environmentMode, progressInterval, maxPolishQueries, dualRounds);
  }

  public SolveSettings withRandomSeed(long value) {
    return new SolveSettings(polishTimeLimit, unimprovedStepCountLimit, stepCountLimit, value,
        polish, environmentMode, progressInterval, maxPolishQueries, dualRounds);
  }

  public SolveSettings withMaxPolishQueries(int value) {
    return new SolveSettings(polishTimeLimit, unimprovedStepCountLimit, stepCountLimit, randomSeed,
        polish, environmentMode, progressInterval, value, dualRounds);
  }

  public SolveSettings withEnvironmentMode(EnvironmentMode value) {
    return new SolveSettings(polishTimeLimit, unimprovedStepCountLimit, stepCountLimit, randomSeed,
        polish, value, progressInterval, maxPolishQueries, dualRounds);
  }

  public SolveSettings withDualRounds(int value) {
    return new SolveSettings(polishTimeLimit, unimprovedStepCountLimit, stepCountLimit, randomSeed,
        polish, environmentMode, progressInterval, maxPolishQueries, value);
  }
}
