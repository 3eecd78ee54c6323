package io.allot.solve;

import java.util.List;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.CartesianProductMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/** Builds the OptaPlanner configuration in code: there is no Spring starter for 10.2.0. */
final class PolishSolverFactory {
  /**
   * Moves tried per step before the step gives up. Without a cap, a step at a local optimum
   * would keep drawing random moves until the time limit, and the run would depend on the clock.
   */
  static final long MOVES_PER_STEP = 2_000;
  /**
   * Starting temperature of simulated annealing: 0.1 of quality. The price start is already a
   * local optimum for single changes, so the search must be able to step downhill to trade one
   * query's quality for another's; hard (budget) worsening is never accepted at temperature 0.
   * The temperature falls with the step-limit gradients, never with the clock: the safety time cap
   * is applied from outside by {@code terminateEarly()} so that it cannot change the cooling.
   */
  static final String STARTING_TEMPERATURE = "0hard/100000000soft";

  private PolishSolverFactory() {}

  static SolverFactory<AssignmentSolution> create(SolveSettings settings, int[] constructionChoice) {
    return SolverFactory.create(config(settings, constructionChoice));
  }

  static SolverConfig config(SolveSettings settings, int[] constructionChoice) {
    CustomPhaseConfig construction = new CustomPhaseConfig()
        .withCustomPhaseCommands(new PriceConstructionCommand(constructionChoice));
    LocalSearchPhaseConfig polish = new LocalSearchPhaseConfig()
        .withMoveSelectorConfig(moves())
        .withAcceptorConfig(new LocalSearchAcceptorConfig()
            .withSimulatedAnnealingStartingTemperature(STARTING_TEMPERATURE))
        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
        .withTerminationConfig(new TerminationConfig()
            .withUnimprovedStepCountLimit(settings.unimprovedStepCountLimit())
            .withStepCountLimit(settings.stepCountLimit()));
    return new SolverConfig()
        .withSolutionClass(AssignmentSolution.class)
        .withEntityClasses(QueryAssignment.class)
        .withConstraintProviderClass(AssignmentConstraints.class)
        .withEnvironmentMode(settings.environmentMode())
        .withRandomSeed(settings.randomSeed())
        .withPhases(construction, polish);
  }

  /**
   * Single changes, swaps (which keep per-model loads, useful under capacity), and pairs of
   * changes: under a tight budget most gains need one query to pay for another's upgrade.
   */
  private static MoveSelectorConfig<?> moves() {
    CartesianProductMoveSelectorConfig pair = new CartesianProductMoveSelectorConfig(
        List.of(change(), change()));
    return new UnionMoveSelectorConfig(List.of(change(), swap(), pair))
        .withSelectedCountLimit(MOVES_PER_STEP);
  }

  private static ChangeMoveSelectorConfig change() {
    return new ChangeMoveSelectorConfig().withFilterClass(AllowedOptionFilters.Change.class);
  }

  private static SwapMoveSelectorConfig swap() {
    return new SwapMoveSelectorConfig().withFilterClass(AllowedOptionFilters.Swap.class);
  }
}
