package io.allot.solve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keeps the non-dominated budget levels of a sweep, sorted by cost. */
final class ParetoFront {
  private ParetoFront() {}

  /** One solved budget level; quality figures are means per query. */
  record Level(double budgetUsd, double costUsd, double quality, double lpBound, double gap, boolean published) {}

  /**
   * Drops every level another level dominates (no dearer and at least as good, and strictly better
   * in one of the two), except the published one, which is the run's answer whatever it is. Of two
   * equal levels the one with the smaller budget stays. Sorted by cost, then budget.
   */
  static List<Level> nonDominated(List<Level> levels) {
    List<Level> sorted = new ArrayList<>(levels);
    sorted.sort(Comparator.comparingDouble(Level::costUsd).thenComparing(Comparator.comparingDouble(Level::quality)
        .reversed()).thenComparingDouble(Level::budgetUsd));
    List<Level> kept = new ArrayList<>();
    double bestSoFar = Double.NEGATIVE_INFINITY;
    for (Level l : sorted) {
      // Sorted by cost, a level is dominated iff a cheaper-or-equal one already reached its quality.
      if (l.quality() > bestSoFar || l.published()) {
        kept.add(l);
      }
      bestSoFar = Math.max(bestSoFar, l.quality());
    }
    // A published point that a cheaper level dominates stays; drop what it in turn dominates.
    List<Level> out = new ArrayList<>();
    for (Level l : kept) {
      boolean dominatedByPublished = !l.published() && kept.stream().anyMatch(o -> o.published()
          && o.costUsd() <= l.costUsd() && o.quality() >= l.quality());
      if (!dominatedByPublished) {
        out.add(l);
      }
    }
    return out;
  }

  /** The published level and the sweep's, as the run's front: non-dominated, numbered by cost. */
  static List<SolveOutputs.ParetoPoint> points(Level published, List<Level> sweep) {
    List<Level> levels = new ArrayList<>();
    levels.add(published);
    levels.addAll(sweep);
    List<SolveOutputs.ParetoPoint> front = new ArrayList<>();
    for (Level l : nonDominated(levels)) {
      front.add(new SolveOutputs.ParetoPoint(front.size(), l.budgetUsd(), l.costUsd(), l.quality(), l.lpBound(),
          l.gap(), l.published()));
    }
    return front;
  }
}
