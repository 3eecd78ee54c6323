package io.allot.solve;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The budget cannot pay even for the cheapest allowed option of every query. */
public final class InfeasibleBudgetException extends RuntimeException {
  private final double budgetUsd;
  private final double minimumBudgetUsd;

  public InfeasibleBudgetException(double budgetUsd, double minimumBudgetUsd) {
    super(String.format(java.util.Locale.ROOT,
        "budget $%s is below the cheapest feasible assignment ($%s): "
            + "raise allot.budget-usd to at least %s",
        cents(budgetUsd, RoundingMode.HALF_UP), cents(minimumBudgetUsd, RoundingMode.CEILING),
        cents(minimumBudgetUsd, RoundingMode.CEILING)));
    this.budgetUsd = budgetUsd;
    this.minimumBudgetUsd = minimumBudgetUsd;
  }

  /** Rounded up for the minimum, so that the advised budget is really enough. */
  private static String cents(double usd, RoundingMode mode) {
    return BigDecimal.valueOf(usd).setScale(2, mode).toPlainString();
  }

  public double budgetUsd() {
    return budgetUsd;
  }

  public double minimumBudgetUsd() {
    return minimumBudgetUsd;
  }
}
