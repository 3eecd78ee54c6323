package io.allot.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The largest items of a chart, the rest merged into one "other" item, so a chart stays readable. */
public final class Grouping {
  /** The largest dozen: more bars than that stop being read. */
  public static final int KEEP = 12;

  private Grouping() {}

  /**
   * The {@code keep} largest items by {@code size}, largest first (ties keep their order), then
   * one item merged from the rest (none when nothing is left over).
   */
  public static <T> List<T> largestAndOther(List<T> items, int keep, ToDoubleFunction<T> size,
      Function<List<T>, T> mergeRest) {
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparingDouble(size).reversed());
    if (sorted.size() <= keep + 1) {
      return sorted; // merging a single leftover would only hide its name
    }
    List<T> out = new ArrayList<>(sorted.subList(0, keep));
    out.add(mergeRest.apply(List.copyOf(sorted.subList(keep, sorted.size()))));
    return out;
  }
}
