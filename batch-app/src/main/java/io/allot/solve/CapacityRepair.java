package io.allot.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves queries off models the price choice overfills, cheapest quality loss first, onto models
 * with room, as far as the leftover budget allows. The price has no term for capacity yet (a
 * per-model price is future work), so this is a plain greedy; what it cannot place is left to the
 * polish and shows as {@link SolveResult#feasible()} false.
 */
final class CapacityRepair {

  private record Move(int query, int to, double loss, long extraCost) {}

  private static final Comparator<Move> LEAST_LOSS_FIRST = Comparator
      .comparingDouble(Move::loss).thenComparingLong(Move::extraCost)
      .thenComparingInt(Move::query).thenComparingInt(Move::to);

  private final AssignmentProblem problem;
  private final FixedPointTable table;

  CapacityRepair(AssignmentProblem problem, FixedPointTable table) {
    this.problem = problem;
    this.table = table;
  }

  static long[] loads(int[] choice, int m) {
    long[] load = new long[m];
    for (int j : choice) {
      load[j]++;
    }
    return load;
  }

  /** Repairs {@code choice} and {@code load} in place; returns the budget left over. */
  long repair(int[] choice, long[] load, long leftoverNano) {
    long leftover = leftoverNano;
    int m = problem.optionCount();
    for (int from = 0; from < m; from++) {
      if (load[from] <= problem.capacity(from)) {
        continue;
      }
      List<Move> moves = new ArrayList<>();
      for (int i = 0; i < choice.length; i++) {
        if (choice[i] == from) {
          addMoves(moves, i, from);
        }
      }
      moves.sort(LEAST_LOSS_FIRST);
      for (Move mv : moves) {
        if (load[from] <= problem.capacity(from)) {
          break;
        }
        if (choice[mv.query()] != from || load[mv.to()] >= problem.capacity(mv.to())
            || mv.extraCost() > leftover) {
          continue;
        }
        choice[mv.query()] = mv.to();
        load[from]--;
        load[mv.to()]++;
        leftover -= mv.extraCost();
      }
    }
    return leftover;
  }

  private void addMoves(List<Move> moves, int i, int from) {
    for (int to = 0; to < problem.optionCount(); to++) {
      if (to != from && table.isAllowed(i, to)) {
        moves.add(new Move(i, to, problem.quality(i, from) - problem.quality(i, to),
            table.costNano(i, to) - table.costNano(i, from)));
      }
    }
  }
}
