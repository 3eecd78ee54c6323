package io.allot.solve;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The solve with the night on Spark (docs/scale.md): the price search runs each pass as a Spark
 * job over the slices cached on the executors ({@link SparkQueryPasses}), the same code as the
 * single-machine search; only the contested queries (the {@code maxPolishQueries} smallest
 * regrets at the final prices, {@link ContestedQueries}) come to the driver, where the repair,
 * top-up and OptaPlanner polish run on them against what the fixed queries left of every limit;
 * the executors then write the assignment, one part file per slice, and total it.
 *
 * <p>When every query is contested (a night no larger than {@code maxPolishQueries}) the driver's
 * part is the single-machine construction on the whole night at the same prices, so both paths
 * return the same assignment.
 */
public final class DistributedSolve {
  private static final Logger log = LoggerFactory.getLogger(DistributedSolve.class);

  /** Figures of one distributed solve; times in milliseconds. */
  public record Outcome(int queries, double budgetUsd, double meanQuality, double costUsd, double lpBound, double gap,
      boolean feasible, List<String> violations, int contested, int passes, long pricingMillis,
      long contestedMillis, long polishMillis, long writeMillis, DualPrices prices, long polishSteps,
      List<DualPriceRow> constraints, List<OptionUse> options, double costVariance) {
    public long totalMillis() {
      return pricingMillis + contestedMillis + polishMillis + writeMillis;
    }
  }

  /** The contested queries' rows, as the driver's small problem needs them. */
  private record Rows(long[] index, String[] ids, String[] tenants, double[] quality, double[] cost, long[] tokens)
      implements Serializable {}

  /** The contested queries with what the fixed ones left of every limit. */
  private record Part(AssignmentProblem problem, long budgetLeftNano) {}

  /**
   * One slice's totals of the final assignment; smallestTokens is its shortest query's tokens
   * (Long.MAX_VALUE for an empty slice).
   */
  private record Totals(double quality, long disallowed, LoadLedger usage, OptionTotals options, long smallestTokens,
      OptionKinds.VarianceParts variance) implements Serializable {}

  private final SparkQueryPasses queries;
  private final AssignmentProblem header;
  private final OptionKinds kinds;

  /**
   * @param header the night's options and limits without queries ({@link AssignmentProblem#withLimits})
   * @param kinds the kinds of the header's options (their names and roles; each slice has its own costs)
   */
  DistributedSolve(SparkQueryPasses queries, AssignmentProblem header, OptionKinds kinds) {
    this.queries = queries;
    this.header = header;
    this.kinds = kinds;
  }

  /**
   * @param assignments folder for the part files (one per slice), or null to only total them
   */
  public Outcome solve(double budgetUsd, SolveSettings settings, Path assignments) {
    return solve(budgetUsd, settings, assignments, null, false);
  }

  /**
   * @param warm prices to start the search from (a neighbouring budget level's), or null
   * @param warmIsOptimal as in {@link AssignmentSolver}: the warm budget price is 0, so its choice
   *     is taken without a search when it fits this budget
   */
  Outcome solve(double budgetUsd, SolveSettings settings, Path assignments, DualPrices warm, boolean warmIsOptimal) {
    long t0 = System.nanoTime();
    int n = queries.queryCount();
    long budgetNano = FixedPoint.toNano(budgetUsd);
    FixedPointTable table = new FixedPointTable(header);
    SideLimits limits = new SideLimits(header, budgetNano);
    LagrangianPricing pricing = new LagrangianPricing(queries, table, limits, settings.dualRounds());
    long minimum = pricing.minimumCostNano();
    if (minimum > budgetNano) {
      throw new InfeasibleBudgetException(budgetUsd, FixedPoint.fromNano(minimum));
    }
    LagrangianPricing.Prices prices = warmIsOptimal && warm != null ? pricing.at(warm) : null;
    if (prices == null) {
      prices = warm == null ? pricing.solve() : pricing.solve(warm);
    }
    DualPrices at = prices.prices();
    double bound = n == 0 ? 0 : prices.boundTotal() / n;
    long t1 = System.nanoTime();
    log.info("distributed price search: {} passes, bound {} ({} ms)", pricing.passes(), bound, millis(t0, t1));

    LoadLedger all = pricing.passResult(at, pricing.newChoice()).usage();
    Contested contested = contested(at, settings.maxPolishQueries(), limits, all);
    long[] picked = contested.picked();
    AssignmentProblem part = contested.part().problem();
    long t2 = System.nanoTime();

    FixedPointTable partTable = new FixedPointTable(part);
    SideLimits partLimits = new SideLimits(part, contested.part().budgetLeftNano());
    int[] choice = new int[part.queryCount()];
    new PricePass(part, partTable, partLimits).run(at, choice);
    LoadLedger ledger = new LoadLedger(partLimits, partTable, choice);
    SideRepair.withSecondChoices(part, partTable, partLimits).repair(choice, ledger);
    new GreedyUpgrade(part, partTable).spend(choice, ledger);
    SolveResult.PolishStats polish = SolveResult.PolishStats.SKIPPED;
    if (settings.polish() && choice.length > 0) {
      int[] every = new int[choice.length];
      Arrays.setAll(every, i -> i);
      polish = new LocalSearchPolish(part, partTable, settings).run(choice, every, partLimits,
          LocalSearchPolish.PolishProgress.NONE);
    }
    long t3 = System.nanoTime();

    Totals totals = write(at, picked, choice, header.optionIds(), assignments);
    LoadLedger usage = new LoadLedger(limits, table);
    usage.addAll(totals.usage());
    List<String> violations = new ArrayList<>(usage.violations());
    if (totals.disallowed() > 0) {
      violations.add(totals.disallowed() + " queries on options not allowed for them");
    }
    double mean = n == 0 ? 0 : totals.quality() / n;
    if (violations.isEmpty() && n > 0 && AssignmentSolver.gap(bound, mean) > AssignmentSolver.REFINE_ABOVE_GAP) {
      bound = new PolyakRefinement(pricing, table, limits).refine(mean * n, settings.dualRounds() * 10) / n;
    }
    long t4 = System.nanoTime();
    Outcome out = new Outcome(n, budgetUsd, mean, FixedPoint.fromNano(usage.cost), bound,
        AssignmentSolver.gap(bound, mean), violations.isEmpty(), violations, picked.length, pricing.passes(),
        millis(t0, t1), millis(t1, t2), millis(t2, t3), millis(t3, t4), pricing.bestPrices(), polish.steps(),
        DualPriceRow.of(header, limits, usage, totals.smallestTokens() == Long.MAX_VALUE ? 1
            : Math.max(1, totals.smallestTokens()), pricing.bestPrices()),
        totals.options().uses(header, kinds), totals.variance().variance());
    log.info("distributed solve of {} queries: mean quality {}, bound {}, gap {}, {} contested, feasible {}", n, mean,
        bound, out.gap(), picked.length, out.feasible());
    return out;
  }

  /** The contested queries (global indexes, ascending) and their problem under what the others leave. */
  private record Contested(long[] picked, Part part) {}

  /**
   * The contested queries: all of them when they fit the polish, else the {@code limit} least
   * decided ones. When the others alone would overrun a model's query or token capacity at the
   * prices (many near-ties on one side of a price, e.g. at 20M queries), the polish could not
   * repair it; then that model's least decided queries join, twice the overrun and 1,000 more, for
   * at most four rounds.
   */
  private Contested contested(DualPrices at, int limit, SideLimits limits, LoadLedger all) {
    int n = queries.queryCount();
    if (n <= limit) {
      long[] every = java.util.stream.LongStream.range(0, n).toArray();
      return new Contested(every, contestedProblem(collect(every), limits, at, all));
    }
    ContestedQueries.Decided decided = ContestedQueries.decided(queries, at);
    int[] picked = ContestedQueries.select(decided.regret(), limit);
    for (int round = 0; ; round++) {
      long[] global = Arrays.stream(picked).asLongStream().toArray();
      Part part = contestedProblem(collect(global), limits, at, all);
      int[] before = picked;
      for (int model = 0; model < header.optionCount() && round < 4; model++) {
        long need = overrun(part.problem(), all, model);
        if (need > 0) {
          picked = ContestedQueries.addOnOptions(picked, decided, optionsUsing(model), 2 * need + 1_000);
        }
      }
      if (picked == before) {
        return new Contested(global, part);
      }
      log.info("distributed solve: the fixed queries overrun a model's capacity; {} contested queries now",
          picked.length);
    }
  }

  /** Queries the fixed ones take beyond a model's query capacity, or its token capacity in queries. */
  private static long overrun(AssignmentProblem part, LoadLedger all, int model) {
    long queries = part.capacity(model) == AssignmentProblem.UNLIMITED ? 0 : -part.capacity(model);
    long tokens = part.tokenCapacity(model) == AssignmentProblem.UNLIMITED ? 0 : -part.tokenCapacity(model);
    double tokensPerQuery = all.load[model] == 0 ? 1 : Math.max(1, all.tokenLoad[model] / (double) all.load[model]);
    return Math.max(Math.max(queries, 0), (long) Math.ceil(Math.max(tokens, 0) / tokensPerQuery));
  }

  /** The options whose members include {@code model}. */
  private boolean[] optionsUsing(int model) {
    boolean[] uses = new boolean[header.optionCount()];
    for (int o = 0; o < uses.length; o++) {
      for (int member : header.members(o)) {
        uses[o] |= member == model;
      }
    }
    return uses;
  }

  private Rows collect(long[] picked) {
    int m = header.optionCount();
    List<Rows> parts = queries.perSlice((view, from, to) -> {
      AssignmentProblem p = view.problem();
      List<Integer> local = new ArrayList<>();
      for (int k = lowerBound(picked, view.offset()); k < picked.length && picked[k] < view.offset() + to; k++) {
        local.add((int) (picked[k] - view.offset()));
      }
      int c = local.size();
      Rows r = new Rows(new long[c], new String[c], new String[c], new double[c * m], new double[c * m], new long[c]);
      for (int k = 0; k < c; k++) {
        int i = local.get(k);
        r.index()[k] = view.offset() + i;
        r.ids()[k] = p.queryId(i);
        r.tenants()[k] = p.tenant(i);
        r.tokens()[k] = p.tokens(i);
        for (int j = 0; j < m; j++) {
          r.quality()[k * m + j] = p.isAllowed(i, j) ? p.quality(i, j) : Double.NaN;
          r.cost()[k * m + j] = p.costUsd(i, j);
        }
      }
      return r;
    });
    int c = picked.length;
    Rows all = new Rows(new long[c], new String[c], new String[c], new double[c * m], new double[c * m], new long[c]);
    int k = 0;
    for (Rows r : parts) {
      int len = r.ids().length;
      System.arraycopy(r.index(), 0, all.index(), k, len);
      System.arraycopy(r.ids(), 0, all.ids(), k, len);
      System.arraycopy(r.tenants(), 0, all.tenants(), k, len);
      System.arraycopy(r.tokens(), 0, all.tokens(), k, len);
      System.arraycopy(r.quality(), 0, all.quality(), k * m, len * m);
      System.arraycopy(r.cost(), 0, all.cost(), k * m, len * m);
      k += len;
    }
    if (k != c) {
      throw new IllegalStateException("collected " + k + " of " + c + " contested queries");
    }
    return all;
  }

  /**
   * The contested queries under what the fixed ones leave: each limit less the fixed queries'
   * use at the final prices (all queries' use less the contested queries' own).
   */
  private Part contestedProblem(Rows rows, SideLimits limits, DualPrices at, LoadLedger all) {
    int m = header.optionCount();
    AssignmentProblem bare = new AssignmentProblem(rows.ids(), rows.tenants(), header.optionIds(), rows.quality(),
        rows.cost()).withTokenCapacity(rows.tokens(), unlimited(m));
    int[][] members = new int[m][];
    Arrays.setAll(members, header::members);
    AssignmentProblem part = bare.withLimits(limits.queryCap, limits.tokenCap, limits.minQueries, members,
        header.tenantBudgets());
    FixedPointTable partTable = new FixedPointTable(part);
    SideLimits partLimits = new SideLimits(part, limits.budgetNano);
    int[] choice = new int[part.queryCount()];
    LoadLedger own = new PricePass(part, partTable, partLimits).run(at, choice).usage();
    long[] cap = new long[m];
    long[] tokenCap = new long[m];
    long[] min = new long[m];
    for (int j = 0; j < m; j++) {
      cap[j] = left(limits.queryCap[j], all.load[j] - own.load[j]);
      tokenCap[j] = left(limits.tokenCap[j], all.tokenLoad[j] - own.tokenLoad[j]);
      min[j] = Math.max(0, limits.minQueries[j] - (all.load[j] - own.load[j]));
    }
    Map<String, Double> caps = new java.util.LinkedHashMap<>();
    for (int t = 0; t < limits.tenantCount(); t++) {
      caps.put(limits.tenantNames[t],
          FixedPoint.fromNano(limits.tenantCapNano[t] - (all.tenantCost[t] - own.tenantCost[t])));
    }
    return new Part(bare.withLimits(cap, tokenCap, min, members, caps), limits.budgetNano - (all.cost - own.cost));
  }

  /** The given queries' rows on the driver, under the night's own limits: a sample for the Pareto levels. */
  AssignmentProblem rows(long[] picked) {
    Rows rows = collect(picked);
    int m = header.optionCount();
    return new AssignmentProblem(rows.ids(), rows.tenants(), header.optionIds(), rows.quality(), rows.cost())
        .withTokenCapacity(rows.tokens(), unlimited(m));
  }

  private static long left(long limit, long used) {
    return limit == AssignmentProblem.UNLIMITED ? limit : limit - used;
  }

  private static long[] unlimited(int m) {
    long[] out = new long[m];
    Arrays.fill(out, AssignmentProblem.UNLIMITED);
    return out;
  }

  /**
   * Each query's option (its best at the final prices, or the driver's choice for a contested
   * one), totalled per slice and written as the slice's part file when a folder is given.
   */
  private Totals write(DualPrices at, long[] picked, int[] finalChoice, String[] optionIds, Path folder) {
    String dir = folder == null ? null : folder.toAbsolutePath().toString();
    List<Totals> parts = queries.perSlice((view, from, to) -> {
      AssignmentProblem p = view.problem();
      PricedValues values = new PricedValues(p, view.table(), view.limits(), at);
      int[] choice = new int[to];
      int k = lowerBound(picked, view.offset());
      for (int i = 0; i < to; i++) {
        boolean contested = k < picked.length && picked[k] == view.offset() + i;
        choice[i] = contested ? finalChoice[k++] : values.best(i);
      }
      double quality = 0;
      long disallowed = 0;
      for (int i = 0; i < to; i++) {
        if (view.table().isAllowed(i, choice[i])) {
          quality += p.quality(i, choice[i]);
        } else {
          disallowed++;
        }
      }
      if (dir != null) {
        writePart(Path.of(dir).resolve(String.format("part-%05d.csv", view.offset() / QueryBlocks.SIZE)), p, choice,
            optionIds);
      }
      long smallest = Long.MAX_VALUE;
      for (long t : view.limits().tokens) {
        smallest = Math.min(smallest, t);
      }
      return new Totals(quality, disallowed, new LoadLedger(view.limits(), view.table(), choice),
          new OptionTotals(p).add(p, choice, view.kinds()), smallest, view.kinds().varianceParts(choice));
    });
    double quality = 0;
    long disallowed = 0;
    LoadLedger usage = null;
    OptionTotals options = null;
    long smallest = Long.MAX_VALUE;
    OptionKinds.VarianceParts variance = new OptionKinds.VarianceParts(0, new double[0]);
    for (Totals t : parts) {
      variance = variance.add(t.variance());
      quality += t.quality();
      disallowed += t.disallowed();
      smallest = Math.min(smallest, t.smallestTokens());
      if (usage == null) {
        usage = t.usage();
        options = t.options();
      } else {
        usage.addAll(t.usage());
        options.addAll(t.options());
      }
    }
    return new Totals(quality, disallowed, usage, options, smallest, variance);
  }

  private static void writePart(Path file, AssignmentProblem p, int[] choice, String[] optionIds) {
    try {
      AssignmentFile.write(file, choice.length, i -> {
        int j = choice[i];
        return new AssignmentFile.Row(p.queryId(i), p.tenant(i), optionIds[OptionUse.leadMember(p, i, j)],
            p.quality(i, j), p.costUsd(i, j), optionIds[j]);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the assignment part " + file, e);
    }
  }

  /** First position in the ascending {@code sorted} whose value is >= {@code key}. */
  private static int lowerBound(long[] sorted, long key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
