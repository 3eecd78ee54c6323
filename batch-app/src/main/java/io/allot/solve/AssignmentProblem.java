package io.allot.solve;

import java.util.Arrays;
import java.util.Objects;

/**
 * One night's assignment problem as flat arrays: n queries, m options (option j = catalog model j).
 *
 * <p>Row-major matrices keep a 1M x 8 instance at two 64 MB double arrays instead of millions of
 * small objects. The arrays are taken as they are, not copied, so callers must not change them
 * after construction. An option whose quality or cost is NaN is not allowed for that query.
 */
public final class AssignmentProblem {

  /** Capacity value meaning "no limit on the number of queries". */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private final int n;
  private final int m;
  private final String[] queryIds;
  private final String[] tenants;
  private final String[] optionIds;
  private final double[] quality;
  private final double[] costUsd;
  private final long[] capacity;
  private long[] minimumQueries;

  public AssignmentProblem(String[] queryIds, String[] tenants, String[] optionIds,
      double[] quality, double[] costUsd) {
    this(queryIds, tenants, optionIds, quality, costUsd, null);
  }

  /** @param capacity per-option query capacity, or null when no option is limited */
  public AssignmentProblem(String[] queryIds, String[] tenants, String[] optionIds,
      double[] quality, double[] costUsd, long[] capacity) {
    this.queryIds = Objects.requireNonNull(queryIds, "queryIds");
    this.optionIds = Objects.requireNonNull(optionIds, "optionIds");
    this.quality = Objects.requireNonNull(quality, "quality");
    this.costUsd = Objects.requireNonNull(costUsd, "costUsd");
    this.n = queryIds.length;
    this.m = optionIds.length;
    this.tenants = tenants == null ? new String[n] : tenants;
    if (m == 0) {
      throw new IllegalArgumentException("the option catalog is empty: at least one model is needed");
    }
    requireLength("tenants", this.tenants.length, n);
    requireLength("quality", quality.length, (long) n * m);
    requireLength("costUsd", costUsd.length, (long) n * m);
    if (capacity == null) {
      capacity = new long[m];
      Arrays.fill(capacity, UNLIMITED);
    }
    requireLength("capacity", capacity.length, m);
    this.capacity = capacity;
    validateValues();
  }

  private static void requireLength(String name, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          name + " has length " + actual + " but the problem needs " + expected);
    }
  }

  private void validateValues() {
    for (int j = 0; j < m; j++) {
      if (capacity[j] < 0) {
        throw new IllegalArgumentException(
            "option '" + optionIds[j] + "' has negative capacity " + capacity[j]);
      }
    }
    for (int i = 0; i < n; i++) {
      boolean anyAllowed = false;
      for (int j = 0; j < m; j++) {
        int k = i * m + j;
        double q = quality[k];
        double c = costUsd[k];
        if (Double.isNaN(q) || Double.isNaN(c)) {
          continue;
        }
        if (q < 0 || q > 1) {
          throw new IllegalArgumentException("query '" + queryIds[i] + "' option '" + optionIds[j]
              + "': quality " + q + " is outside [0,1]");
        }
        if (c < 0 || Double.isInfinite(c)) {
          throw new IllegalArgumentException("query '" + queryIds[i] + "' option '" + optionIds[j]
              + "': cost " + c + " USD is not a finite non-negative amount");
        }
        anyAllowed = true;
      }
      if (!anyAllowed) {
        throw new IllegalArgumentException("query '" + queryIds[i] + "' (row " + i
            + ") has no allowed option: every option's quality or cost is NaN");
      }
    }
  }

  public int queryCount() {
    return n;
  }

  public int optionCount() {
    return m;
  }

  public String queryId(int i) {
    return queryIds[i];
  }

  public String tenant(int i) {
    return tenants[i];
  }

  public String optionId(int j) {
    return optionIds[j];
  }

  public double quality(int i, int j) {
    return quality[i * m + j];
  }

  public double costUsd(int i, int j) {
    return costUsd[i * m + j];
  }

  public boolean isAllowed(int i, int j) {
    int k = i * m + j;
    return !Double.isNaN(quality[k]) && !Double.isNaN(costUsd[k]);
  }

  public long capacity(int j) {
    return capacity[j];
  }

  /**
   * The same problem with exploration quotas: option j must serve at least {@code minimumQueries[j]}
   * queries (0 = no quota). The TI-UCB step sets them for the arms it wants to learn about.
   */
  public AssignmentProblem withMinimumQueries(long[] minimumQueries) {
    requireLength("minimumQueries", minimumQueries.length, m);
    long total = 0;
    for (int j = 0; j < m; j++) {
      if (minimumQueries[j] < 0) {
        throw new IllegalArgumentException("option '" + optionIds[j] + "' has a negative quota " + minimumQueries[j]);
      }
      total += minimumQueries[j];
    }
    if (total > n) {
      throw new IllegalArgumentException("exploration quotas ask for " + total + " queries but the night has " + n);
    }
    AssignmentProblem copy = new AssignmentProblem(queryIds, tenants, optionIds, quality, costUsd, capacity);
    copy.minimumQueries = minimumQueries.clone();
    return copy;
  }

  /** The exploration quota of option j: the fewest queries it must serve (0 when it has none). */
  public long minimumQueries(int j) {
    return minimumQueries == null ? 0 : minimumQueries[j];
  }

  public boolean hasCapacityLimits() {
    for (long c : capacity) {
      if (c != UNLIMITED) {
        return true;
      }
    }
    return false;
  }
}
