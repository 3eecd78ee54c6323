package io.allot.bandit;

import java.util.Arrays;

/**
 * The rewards of one arm in pull order (pull 1, 2, ...), kept as prefix sums so that the mean or
 * the least-squares trend of any run of consecutive pulls costs O(1). That keeps TI-UCB's change
 * detection and R-ed-UCB's window estimate cheap at horizon 10^5 and beyond.
 */
public final class RewardHistory {
  // sum[k] = y_1 + ... + y_k and weighted[k] = 1*y_1 + ... + k*y_k; index 0 is the empty prefix.
  private double[] sum = new double[16];
  private double[] weighted = new double[16];
  private double[] squares = new double[16];
  private int count;

  public void add(double reward) {
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("reward " + reward + " is not a finite number");
    }
    if (count + 1 >= sum.length) {
      sum = Arrays.copyOf(sum, sum.length * 2);
      weighted = Arrays.copyOf(weighted, weighted.length * 2);
      squares = Arrays.copyOf(squares, squares.length * 2);
    }
    count++;
    sum[count] = sum[count - 1] + reward;
    weighted[count] = weighted[count - 1] + count * reward;
    squares[count] = squares[count - 1] + reward * reward;
  }

  /** Number of pulls so far. */
  public int count() {
    return count;
  }

  /** The reward of pull {@code n} (1-based). */
  public double reward(int n) {
    check(n, n);
    return sum[n] - sum[n - 1];
  }

  /** Sum of the rewards of pulls {@code from..to} (1-based, inclusive). */
  public double sum(int from, int to) {
    check(from, to);
    return sum[to] - sum[from - 1];
  }

  /** Sum of n * reward(n) over pulls {@code from..to}. */
  public double weightedSum(int from, int to) {
    check(from, to);
    return weighted[to] - weighted[from - 1];
  }

  public double mean(int from, int to) {
    return sum(from, to) / (to - from + 1);
  }

  /** Least-squares trend of reward against pull number over pulls {@code from..to}. */
  public LinearTrend trend(int from, int to) {
    return LinearTrend.fromSums(from, to, sum(from, to), weightedSum(from, to), squares[to] - squares[from - 1]);
  }

  private void check(int from, int to) {
    if (from < 1 || to > count || from > to) {
      throw new IndexOutOfBoundsException("pulls " + from + ".." + to + " are not within 1.." + count);
    }
  }
}
