package io.allot.solve;

import io.allot.spark.predict.SubsetOptions;
import io.allot.solve.AssignmentProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds SelectLLM subsets to a night's problem as extra options. For each query and each size k,
 * the subset of its top-k models by predicted quality ({@link SubsetOptions#forQuery}) is an
 * option with quality P(weighted vote right), cost the members' sum and the members as the
 * models it calls (capacity, tokens and quotas are charged on each). Options are global: the
 * union of the subsets that are some query's top-k, in order of first appearance; a subset is not
 * allowed (NaN) for a query whose top-k it is not.
 *
 * <p>A subset whose P(vote right) is no higher than its best member's predicted quality is not
 * offered for that query: the best member alone is as good, cheaper, and uses less capacity. Under
 * {@link io.allot.spark.predict.WeightedVote}'s tie rule a pair always answers like its more confident
 * member, so pairs never pass; subsets of 3 or more do when their members are close.
 *
 * <p>Memory: the problem's two n x options matrices grow from m to m + s columns (s = distinct
 * subsets; at most C(m,2) + C(m,3) for sizes [2, 3]); with the solver's fixed-point copy that is
 * about 32 bytes per query and column, 32 MB per column at 1M queries.
 */
public final class SubsetProblem {
  private static final Logger log = LoggerFactory.getLogger(SubsetProblem.class);

  private SubsetProblem() {}

  /**
   * @param p single-model options only (option j = catalog model j), before tenant rules (they
   *     are applied to the subsets too when applied after this)
   * @param sizes subset sizes, validated ({@link SelectLlmProperties#validate}); empty returns p
   */
  public static AssignmentProblem addSubsets(AssignmentProblem p, int[] sizes) {
    if (sizes.length == 0) {
      return p;
    }
    LinkedHashMap<String, int[]> subsets = union(p, sizes);
    if (subsets.isEmpty()) {
      log.info("SelectLLM subsets of sizes {}: no query's top-k vote beats its best member; single models only",
          Arrays.toString(sizes));
      return p;
    }
    AssignmentProblem wide = withSubsets(p, sizes, subsets);
    log.info(String.format(Locale.ROOT, "SelectLLM subsets of sizes %s: %d distinct subsets are some query's top-k; "
        + "%,d queries x %d options (about %,d MB with the solver's copy)", Arrays.toString(sizes), subsets.size(),
        p.queryCount(), wide.optionCount(), 32L * p.queryCount() * wide.optionCount() >> 20));
    return wide;
  }

  /**
   * The subsets that are some query's top-k and beat their best member, keyed by their members, in
   * order of first appearance (a distributed night merges its slices' in slice order: the same order).
   */
  static LinkedHashMap<String, int[]> union(AssignmentProblem p, int[] sizes) {
    int n = p.queryCount();
    int m = p.optionCount();
    for (int j = 0; j < m; j++) {
      if (p.members(j).length != 1 || p.members(j)[0] != j) {
        throw new IllegalStateException("option '" + p.optionId(j) + "' is already a multi-model option");
      }
    }
    if (!p.tenantBudgets().isEmpty()) {
      throw new IllegalStateException("add SelectLLM subsets before the tenant rules, so the rules cover them");
    }
    double[] pi = new double[m];
    double[] ci = new double[m];
    LinkedHashMap<String, int[]> subsets = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      row(p, i, pi, ci);
      for (SubsetOptions.Option o : offered(pi, ci, sizes)) {
        subsets.putIfAbsent(mask(o.members()), o.members());
      }
    }
    return subsets;
  }

  /**
   * p with one column per subset of {@code subsets} (the night's {@link #union}, which may hold
   * subsets none of p's queries is offered: a slice of a distributed night), filled where offered.
   */
  static AssignmentProblem withSubsets(AssignmentProblem p, int[] sizes, LinkedHashMap<String, int[]> subsets) {
    if (subsets.isEmpty()) {
      return p;
    }
    int m = p.optionCount();
    List<String> modelIds = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      modelIds.add(p.optionId(j));
    }
    Map<String, Integer> column = new LinkedHashMap<>();
    String[] ids = new String[subsets.size()];
    int[][] members = new int[subsets.size()][];
    for (Map.Entry<String, int[]> e : subsets.entrySet()) {
      int k = column.size();
      column.put(e.getKey(), k);
      members[k] = e.getValue();
      ids[k] = new SubsetOptions.Option(e.getValue(), 0, 0, 0).name(modelIds);
    }
    double[] pi = new double[m];
    double[] ci = new double[m];
    // Pass 2: fill the wider matrices (recomputing the few subsets per query is cheaper than
    // keeping n lists of them).
    return OptionColumns.append(p, ids, members, (i, quality, cost) -> {
      row(p, i, pi, ci);
      for (SubsetOptions.Option o : offered(pi, ci, sizes)) {
        int k = column.get(mask(o.members()));
        quality[k] = o.quality();
        cost[k] = o.costUsd();
      }
    }, "set " + SelectLlmProperties.KEY + ": [] or split the night's log by tenant");
  }

  /** The query's top-k subsets that beat their best member (the others are dominated by it). */
  static List<SubsetOptions.Option> offered(double[] quality, double[] cost, int[] sizes) {
    List<SubsetOptions.Option> out = new ArrayList<>(sizes.length);
    for (SubsetOptions.Option o : SubsetOptions.forQuery(quality, cost, null, sizes)) {
      double best = 0;
      for (int j : o.members()) {
        best = Math.max(best, quality[j]);
      }
      // The enumeration's rounding can lift a pair a hair above its leader: that is no gain.
      if (o.quality() > best + 1e-9) {
        out.add(o);
      }
    }
    return out;
  }

  private static void row(AssignmentProblem p, int i, double[] q, double[] c) {
    for (int j = 0; j < q.length; j++) {
      q[j] = p.quality(i, j);
      c[j] = p.costUsd(i, j);
    }
  }

  /** A subset's identity: its ascending member indexes. */
  private static String mask(int[] members) {
    return Arrays.toString(members);
  }
}
