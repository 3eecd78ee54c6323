package io.allot.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Repairs what the prices leave broken: a model over its query or token capacity, a tenant over
 * its cap, a quota not met. For each broken constraint every query that can help offers its
 * cheapest move (least quality lost per unit of repair); moves are taken in that order as long as
 * they break nothing that holds ({@link LoadLedger#fits}). What it cannot fix is left to the
 * polish and shows as {@link SolveResult#feasible()} false.
 */
final class SideRepair {
  private static final int ROUNDS = 4;

  private record Move(int query, int from, int to, double lossPerUnit) {}

  private static final Comparator<Move> LEAST_LOSS_FIRST = Comparator
      .comparingDouble(Move::lossPerUnit).thenComparingInt(Move::query).thenComparingInt(Move::to);

  /** What a move must reduce: the kind of constraint and its index (model or tenant). */
  private enum Target { CAPACITY, TOKEN, TENANT, QUOTA }

  private final AssignmentProblem problem;
  private final FixedPointTable table;
  private final SideLimits limits;

  private final boolean secondChoices;

  SideRepair(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this(problem, table, limits, false);
  }

  private SideRepair(AssignmentProblem problem, FixedPointTable table, SideLimits limits, boolean secondChoices) {
    this.problem = problem;
    this.table = table;
    this.limits = limits;
    this.secondChoices = secondChoices;
  }

  /**
   * A repair in which a query whose least-loss move is blocked (e.g. two capped models side by
   * side, the other one full too) takes its least-loss move that fits. For the distributed solve's
   * contested queries: the night's other queries are fixed there, and near-ties at a capacity price
   * can leave more over a capped model than the polish's step limit can take back (seen at 20M
   * queries). The single-machine solve keeps the plain repair, whose price refinement finds better
   * chains of moves on the whole night.
   */
  static SideRepair withSecondChoices(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    return new SideRepair(problem, table, limits, true);
  }

  /** Repairs {@code choice} in place, keeping {@code ledger} up to date. */
  void repair(int[] choice, LoadLedger ledger) {
    boolean second = secondChoices; // from the first round, as measured at 4M and 20M (docs/benchmarks.md)
    for (int round = 0; round < ROUNDS; round++) {
      boolean broken = false;
      for (int j = 0; j < limits.m; j++) {
        broken |= fix(Target.QUOTA, j, choice, ledger, second);
        broken |= fix(Target.CAPACITY, j, choice, ledger, second);
        broken |= fix(Target.TOKEN, j, choice, ledger, second);
      }
      for (int t = 0; t < limits.tenantCount(); t++) {
        broken |= fix(Target.TENANT, t, choice, ledger, second);
      }
      if (!broken) {
        return;
      }
    }
  }

  /** Returns whether the constraint was broken when the call started. */
  private boolean fix(Target target, int k, int[] choice, LoadLedger ledger, boolean second) {
    if (excess(target, k, ledger) <= 0) {
      return false;
    }
    List<Move> moves = new ArrayList<>();
    for (int i = 0; i < choice.length; i++) {
      if (canHelp(target, k, i, choice[i])) { // else no move of this query repairs the target
        leastLoss(target, k, i, choice[i], null).ifPresent(moves::add);
      }
    }
    List<Integer> blocked = apply(moves, target, k, choice, ledger);
    if (second && excess(target, k, ledger) > 0 && !blocked.isEmpty()) {
      List<Move> fitting = new ArrayList<>();
      for (int i : blocked) {
        leastLoss(target, k, i, choice[i], ledger).ifPresent(fitting::add);
      }
      apply(fitting, target, k, choice, ledger);
    }
    return true;
  }

  /** Query i's least-loss move that repairs the target (and fits {@code ledger} when one is given). */
  private java.util.Optional<Move> leastLoss(Target target, int k, int i, int from, LoadLedger ledger) {
    Move best = null;
    for (int to = 0; to < limits.m; to++) {
      double units = repairs(target, k, i, from, to);
      if (units <= 0 || !table.isAllowed(i, to) || (ledger != null && !ledger.fits(i, from, to))) {
        continue;
      }
      Move mv = new Move(i, from, to, (problem.quality(i, from) - problem.quality(i, to)) / units);
      if (best == null || LEAST_LOSS_FIRST.compare(mv, best) < 0) {
        best = mv;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** Takes the moves, least loss first, while the target is broken; returns the queries whose move did not fit. */
  private List<Integer> apply(List<Move> moves, Target target, int k, int[] choice, LoadLedger ledger) {
    moves.sort(LEAST_LOSS_FIRST);
    List<Integer> blocked = new ArrayList<>();
    for (Move mv : moves) {
      if (excess(target, k, ledger) <= 0) {
        break;
      }
      if (ledger.fits(mv.query(), mv.from(), mv.to())) {
        choice[mv.query()] = mv.to();
        ledger.move(mv.query(), mv.from(), mv.to());
      } else {
        blocked.add(mv.query());
      }
    }
    return blocked;
  }

  /** Whether some move of query i (now on option from) could reduce the target's usage. */
  private boolean canHelp(Target target, int k, int i, int from) {
    return switch (target) {
      case CAPACITY, TOKEN -> limits.calls(from, k);
      case TENANT -> limits.tenantOf[i] == k;
      case QUOTA -> !limits.calls(from, k);
    };
  }

  /** How far the constraint is broken (> 0) or holds (<= 0). */
  private long excess(Target target, int k, LoadLedger ledger) {
    return switch (target) {
      case CAPACITY -> ledger.load[k] - limits.queryCap[k];
      case TOKEN -> limits.tokenCap[k] == AssignmentProblem.UNLIMITED ? 0 : ledger.tokenLoad[k] - limits.tokenCap[k];
      case TENANT -> ledger.tenantCost[k] - limits.tenantCapNano[k];
      case QUOTA -> limits.minQueries[k] - ledger.load[k];
    };
  }

  /** How much moving query i from one option to another reduces the target's usage (0: not at all). */
  private double repairs(Target target, int k, int i, int from, int to) {
    if (from == to) {
      return 0;
    }
    return switch (target) {
      case CAPACITY -> limits.calls(from, k) && !limits.calls(to, k) ? 1 : 0;
      case TOKEN -> limits.calls(from, k) && !limits.calls(to, k) ? limits.tokens[i] : 0;
      case TENANT -> limits.tenantOf[i] == k
          ? Math.max(0, FixedPoint.fromNano(table.costNano(i, from) - table.costNano(i, to))) : 0;
      case QUOTA -> !limits.calls(from, k) && limits.calls(to, k) ? 1 : 0;
    };
  }
}
