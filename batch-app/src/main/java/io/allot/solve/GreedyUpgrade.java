package io.allot.solve;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Spends what the price choice leaves of the budget on the upgrades that buy the most quality per
 * dollar. The price choice is an LP vertex; this fills the one fractional slot (and any slack
 * from rounding to whole queries) greedily, which puts the result within about one query's
 * quality of the LP optimum.
 */
final class GreedyUpgrade {

  /** An upgrade of one query from option {@code from} to {@code to}. */
  private record Upgrade(int query, int from, int to, double ratio, double gain) {}

  private static final Comparator<Upgrade> BEST_FIRST =
      Comparator.comparingDouble(Upgrade::ratio).reversed()
          .thenComparing(Comparator.comparingDouble(Upgrade::gain).reversed())
          .thenComparingInt(Upgrade::query)
          .thenComparingInt(Upgrade::to);

  private final AssignmentProblem problem;
  private final FixedPointTable table;

  GreedyUpgrade(AssignmentProblem problem, FixedPointTable table) {
    this.problem = problem;
    this.table = table;
  }

  /**
   * Upgrades {@code choice} in place, only by moves that keep every constraint that holds
   * holding (budget, capacities, tenant caps, quotas).
   *
   * @param ledger the totals of {@code choice}, kept up to date
   */
  void spend(int[] choice, LoadLedger ledger) {
    PriorityQueue<Upgrade> queue = new PriorityQueue<>(BEST_FIRST);
    for (int i = 0; i < choice.length; i++) {
      offer(queue, i, choice[i], ledger);
    }
    while (!queue.isEmpty()) {
      Upgrade u = queue.poll();
      if (choice[u.query()] != u.from()) {
        continue; // stale: the query moved on since this upgrade was offered
      }
      if (ledger.fits(u.query(), u.from(), u.to())) {
        choice[u.query()] = u.to();
        ledger.move(u.query(), u.from(), u.to());
      }
      // Either way this query may still have an upgrade that fits what is left now.
      offer(queue, u.query(), choice[u.query()], ledger);
    }
  }

  private void offer(PriorityQueue<Upgrade> queue, int i, int from, LoadLedger ledger) {
    Upgrade best = null;
    double q0 = problem.quality(i, from);
    long c0 = table.costNano(i, from);
    for (int j = 0; j < problem.optionCount(); j++) {
      if (j == from || !table.isAllowed(i, j)) {
        continue;
      }
      double gain = problem.quality(i, j) - q0;
      long extra = table.costNano(i, j) - c0;
      if (gain <= 0 || !ledger.fits(i, from, j)) {
        continue;
      }
      double ratio = extra <= 0 ? Double.POSITIVE_INFINITY : gain / extra;
      Upgrade candidate = new Upgrade(i, from, j, ratio, gain);
      if (best == null || BEST_FIRST.compare(candidate, best) < 0) {
        best = candidate;
      }
    }
    if (best != null) {
      queue.add(best);
    }
  }
}
