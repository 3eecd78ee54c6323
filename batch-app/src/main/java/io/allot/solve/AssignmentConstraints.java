package io.allot.solve;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.count;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * Score scaling: hard is in nano-dollars of overspend (plus fixed weights below); soft is expected
 * quality in nano-units (1e-9), summed over the planned queries. See {@link FixedPoint}.
 */
public class AssignmentConstraints implements ConstraintProvider {
  public static final String WITHIN_BUDGET = "Spending stays within the budget";
  public static final String ALLOWED_OPTIONS = "Queries take only options allowed for them";
  public static final String WITHIN_CAPACITY = "Models take no more queries than their capacity";
  public static final String QUALITY = "Expected quality is as high as possible";

  /** One disallowed option weighs as much as $1000 overspent: never worth it. */
  static final long DISALLOWED_WEIGHT = 1_000_000_000_000L;
  /** One query over a model's capacity weighs as much as $1 overspent. */
  static final long CAPACITY_WEIGHT = 1_000_000_000L;

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
        spendingStaysWithinBudget(factory),
        queriesTakeOnlyAllowedOptions(factory),
        modelsStayWithinCapacity(factory),
        expectedQualityIsMaximal(factory)
    };
  }

  Constraint spendingStaysWithinBudget(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .groupBy(sumLong(QueryAssignment::costNanoUsd))
        .join(Budget.class)
        .filter((spent, budget) -> spent > budget.nanoUsd())
        .penalizeLong(HardSoftLongScore.ONE_HARD, (spent, budget) -> spent - budget.nanoUsd())
        .asConstraint(WITHIN_BUDGET);
  }

  Constraint queriesTakeOnlyAllowedOptions(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .filter(a -> !a.isAllowed())
        .penalize(HardSoftLongScore.ofHard(DISALLOWED_WEIGHT))
        .asConstraint(ALLOWED_OPTIONS);
  }

  Constraint modelsStayWithinCapacity(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .filter(a -> a.getOption().isCapacityLimited())
        .groupBy(QueryAssignment::getOption, count())
        .filter((option, load) -> load > option.capacity())
        .penalizeLong(HardSoftLongScore.ofHard(CAPACITY_WEIGHT),
            (option, load) -> load - option.capacity())
        .asConstraint(WITHIN_CAPACITY);
  }

  Constraint expectedQualityIsMaximal(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .rewardLong(HardSoftLongScore.ONE_SOFT, QueryAssignment::qualityNano)
        .asConstraint(QUALITY);
  }
}
