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
    List<String> modelIds = new ArrayList<>(m);
    for (int j = 0; j < m; j++) {
      modelIds.add(p.optionId(j));
    }
    double[] pi = new double[m];
    double[] ci = new double[m];
    // Pass 1: the union of subsets (keyed by members), in order of first appearance.
    Map<String, int[]> subsets = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      row(p, i, pi, ci);
      for (SubsetOptions.Option o : offered(pi, ci, sizes)) {
        subsets.putIfAbsent(mask(o.members()), o.members());
      }
    }
    if (subsets.isEmpty()) {
      log.info("SelectLLM subsets of sizes {}: no query's top-k vote beats its best member; single models only",
          Arrays.toString(sizes));
      return p;
    }
    int total = m + subsets.size();
    if ((long) n * total > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException(String.format(Locale.ROOT, "%,d queries x %d options (with %d SelectLLM "
          + "subsets) do not fit one solve; set %s: [] or split the night's log by tenant", n, total, subsets.size(),
          SelectLlmProperties.KEY));
    }
    Map<String, Integer> column = new LinkedHashMap<>();
    String[] ids = Arrays.copyOf(modelIds.toArray(String[]::new), total);
    int[][] members = new int[total][];
    for (int j = 0; j < m; j++) {
      members[j] = new int[] {j};
    }
    for (Map.Entry<String, int[]> e : subsets.entrySet()) {
      int col = m + column.size();
      column.put(e.getKey(), col);
      members[col] = e.getValue();
      ids[col] = new SubsetOptions.Option(e.getValue(), 0, 0, 0).name(modelIds);
    }
    // Pass 2: fill the wider matrices (recomputing the few subsets per query is cheaper than
    // keeping n lists of them).
    double[] quality = new double[n * total];
    double[] cost = new double[n * total];
    Arrays.fill(quality, Double.NaN);
    Arrays.fill(cost, Double.NaN);
    for (int i = 0; i < n; i++) {
      row(p, i, pi, ci);
      System.arraycopy(pi, 0, quality, i * total, m);
      System.arraycopy(ci, 0, cost, i * total, m);
      for (SubsetOptions.Option o : offered(pi, ci, sizes)) {
        int k = i * total + column.get(mask(o.members()));
        quality[k] = o.quality();
        cost[k] = o.costUsd();
      }
    }
    AssignmentProblem wide = new AssignmentProblem(queryIds(p), tenants(p), ids, quality, cost,
        extend(m, total, p::capacity, AssignmentProblem.UNLIMITED));
    long[] tokenCapacity = extend(m, total, p::tokenCapacity, AssignmentProblem.UNLIMITED);
    if (Arrays.stream(tokenCapacity).anyMatch(c -> c != AssignmentProblem.UNLIMITED)) {
      long[] tokens = new long[n];
      for (int i = 0; i < n; i++) {
        tokens[i] = p.tokens(i);
      }
      wide = wide.withTokenCapacity(tokens, tokenCapacity);
    }
    long[] quota = extend(m, total, p::minimumQueries, 0);
    if (Arrays.stream(quota).anyMatch(q -> q > 0)) {
      wide = wide.withMinimumQueries(quota);
    }
    log.info(String.format(Locale.ROOT, "SelectLLM subsets of sizes %s: %d distinct subsets are some query's top-k; "
        + "%,d queries x %d options (about %,d MB with the solver's copy)", Arrays.toString(sizes), subsets.size(), n,
        total, 32L * n * total >> 20));
    return wide.withOptionMembers(members);
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

  private interface PerOption {
    long of(int j);
  }

  private static long[] extend(int m, int total, PerOption singles, long subsetValue) {
    long[] out = new long[total];
    Arrays.fill(out, subsetValue);
    for (int j = 0; j < m; j++) {
      out[j] = singles.of(j);
    }
    return out;
  }

  private static String[] queryIds(AssignmentProblem p) {
    String[] out = new String[p.queryCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.queryId(i);
    }
    return out;
  }

  private static String[] tenants(AssignmentProblem p) {
    String[] out = new String[p.queryCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = p.tenant(i);
    }
    return out;
  }
}
