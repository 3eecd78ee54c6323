package io.allot.solve;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.count;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.Joiners;

/**
 * Score scaling: hard is in nano-dollars of overspend (plus fixed weights below); soft is expected
 * quality in nano-units (1e-9), summed over the planned queries. See {@link FixedPoint}.
 *
 * <p>Model loads are summed per option first, then spread over each option's member models, so
 * the joins run over options (a handful), not queries.
 */
public class AssignmentConstraints implements ConstraintProvider {
  public static final String WITHIN_BUDGET = "Spending stays within the budget";
  public static final String ALLOWED_OPTIONS = "Queries take only options allowed for them";
  public static final String WITHIN_CAPACITY = "Models take no more queries than their capacity";
  public static final String WITHIN_TOKEN_CAPACITY = "Models take no more tokens than their capacity";
  public static final String TENANT_BUDGET = "Each tenant stays within its budget";
  public static final String QUOTA = "Exploration quotas are met";
  public static final String QUOTA_UNUSED = "Exploration quotas are met (model with no queries)";
  public static final String QUALITY = "Expected quality is as high as possible";

  /** One disallowed option weighs as much as $1000 overspent: never worth it. */
  static final long DISALLOWED_WEIGHT = 1_000_000_000_000L;
  /** One query over a model's capacity, or short of its quota, weighs as much as $1 overspent. */
  static final long CAPACITY_WEIGHT = 1_000_000_000L;
  /** One token over a model's token capacity weighs as much as $0.001 overspent. */
  static final long TOKEN_WEIGHT = 1_000_000L;

  @Override
  public Constraint[] defineConstraints(ConstraintFactory factory) {
    return new Constraint[] {
        spendingStaysWithinBudget(factory),
        queriesTakeOnlyAllowedOptions(factory),
        modelsStayWithinCapacity(factory),
        modelsStayWithinTokenCapacity(factory),
        tenantsStayWithinBudget(factory),
        quotasAreMet(factory),
        quotasOfUnusedModelsAreMet(factory),
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
        .groupBy(QueryAssignment::getOption, count())
        .join(ModelLimit.class, Joiners.filtering((option, n, limit) -> limit.isQueryLimited() && option.calls(limit.index())))
        .groupBy((option, n, limit) -> limit, sumLong((option, n, limit) -> n))
        .filter((limit, load) -> load > limit.queryCapacity())
        .penalizeLong(HardSoftLongScore.ofHard(CAPACITY_WEIGHT), (limit, load) -> load - limit.queryCapacity())
        .asConstraint(WITHIN_CAPACITY);
  }

  Constraint modelsStayWithinTokenCapacity(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .groupBy(QueryAssignment::getOption, sumLong(QueryAssignment::getTokens))
        .join(ModelLimit.class, Joiners.filtering((option, t, limit) -> limit.isTokenLimited() && option.calls(limit.index())))
        .groupBy((option, t, limit) -> limit, sumLong((option, t, limit) -> t))
        .filter((limit, tokens) -> tokens > limit.tokenCapacity())
        .penalizeLong(HardSoftLongScore.ofHard(TOKEN_WEIGHT), (limit, tokens) -> tokens - limit.tokenCapacity())
        .asConstraint(WITHIN_TOKEN_CAPACITY);
  }

  Constraint tenantsStayWithinBudget(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .filter(a -> a.getTenant() >= 0)
        .groupBy(QueryAssignment::getTenant, sumLong(QueryAssignment::costNanoUsd))
        .join(TenantCap.class, Joiners.equal((tenant, spent) -> tenant, TenantCap::index))
        .filter((tenant, spent, cap) -> spent > cap.nanoUsd())
        .penalizeLong(HardSoftLongScore.ONE_HARD, (tenant, spent, cap) -> spent - cap.nanoUsd())
        .asConstraint(TENANT_BUDGET);
  }

  Constraint quotasAreMet(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .groupBy(QueryAssignment::getOption, count())
        .join(ModelLimit.class, Joiners.filtering((option, n, limit) -> limit.minimumQueries() > 0 && option.calls(limit.index())))
        .groupBy((option, n, limit) -> limit, sumLong((option, n, limit) -> n))
        .filter((limit, load) -> load < limit.minimumQueries())
        .penalizeLong(HardSoftLongScore.ofHard(CAPACITY_WEIGHT), (limit, load) -> limit.minimumQueries() - load)
        .asConstraint(QUOTA);
  }

  /** The grouped stream above has no row for a model no query takes; this one covers that case. */
  Constraint quotasOfUnusedModelsAreMet(ConstraintFactory factory) {
    return factory.forEach(ModelLimit.class)
        .filter(limit -> limit.minimumQueries() > 0)
        .ifNotExists(QueryAssignment.class, Joiners.filtering((limit, a) -> a.getOption().calls(limit.index())))
        .penalizeLong(HardSoftLongScore.ofHard(CAPACITY_WEIGHT), ModelLimit::minimumQueries)
        .asConstraint(QUOTA_UNUSED);
  }

  Constraint expectedQualityIsMaximal(ConstraintFactory factory) {
    return factory.forEach(QueryAssignment.class)
        .rewardLong(HardSoftLongScore.ONE_SOFT, QueryAssignment::qualityNano)
        .asConstraint(QUALITY);
  }
}
