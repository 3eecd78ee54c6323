package io.allot.solve;

/**
 * Quality and cost of every (query, option) pair in {@link FixedPoint} units, shared by all
 * planning entities so that an entity costs a few bytes, not a copy of its row.
 */
final class FixedPointTable {
  /** Marks a disallowed pair; real quality is never negative. */
  static final long DISALLOWED = -1;

  private final int optionCount;
  private final long[] qualityNano;
  private final long[] costNano;
  /**
   * The pricing passes' copy, row-major like the problem: quality, or -infinity where not allowed,
   * and cost in USD as {@link FixedPoint#fromNano} gives it. A pass reads two arrays and divides
   * nothing, about twice as fast as reading the nano-unit table (16 more bytes per entry).
   */
  final double[] pricedQuality;
  final double[] pricedCostUsd;

  FixedPointTable(AssignmentProblem problem) {
    int n = problem.queryCount();
    optionCount = problem.optionCount();
    qualityNano = new long[n * optionCount];
    costNano = new long[n * optionCount];
    pricedQuality = new double[n * optionCount];
    pricedCostUsd = new double[n * optionCount];
    QueryBlocks.map(n, (from, to) -> {
      fill(problem, from, to);
      return to;
    });
  }

  private void fill(AssignmentProblem problem, int from, int to) {
    for (int i = from; i < to; i++) {
      for (int j = 0; j < optionCount; j++) {
        int k = i * optionCount + j;
        if (problem.isAllowed(i, j)) {
          qualityNano[k] = FixedPoint.toNano(problem.quality(i, j));
          costNano[k] = FixedPoint.toNano(problem.costUsd(i, j));
          pricedQuality[k] = problem.quality(i, j);
          pricedCostUsd[k] = FixedPoint.fromNano(costNano[k]);
        } else {
          qualityNano[k] = DISALLOWED;
          pricedQuality[k] = Double.NEGATIVE_INFINITY;
        }
      }
    }
  }

  int optionCount() {
    return optionCount;
  }

  boolean isAllowed(int query, int option) {
    return qualityNano[query * optionCount + option] != DISALLOWED;
  }

  /** Zero for a disallowed pair, so sums stay meaningful while a hard constraint flags it. */
  long qualityNano(int query, int option) {
    long q = qualityNano[query * optionCount + option];
    return q == DISALLOWED ? 0 : q;
  }

  long costNano(int query, int option) {
    return costNano[query * optionCount + option];
  }

  long totalCostNano(int[] choice) {
    long sum = 0;
    for (int i = 0; i < choice.length; i++) {
      sum += costNano(i, choice[i]);
    }
    return sum;
  }
}
