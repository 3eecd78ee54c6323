package io.allot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.allot.solve.AssignmentProblem;
import io.allot.lab.bench.BenchInstances;
import io.allot.lab.bench.Medians;
import io.allot.config.AllotProperties;
import io.allot.config.SettingsFile;
import io.allot.solve.SolveSettings;
import io.allot.solve.SolvePath;
import io.allot.solve.SolverBenchmark;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot bench-solver}: gap to the LP bound, wall time and peak heap of the solver on a
 * generated instance with a budget and binding query and token capacities, beside the price
 * construction alone and a cold-start OptaPlanner run, measured in the same process.
 */
@Command(name = "bench-solver", description = "Benchmark: the assignment solver against its LP bound and baselines.")
class BenchSolverCommand implements Callable<Integer> {
  private static final String MAIN_METHOD = "construction + polish";

  @Option(names = "--queries", defaultValue = "1000000", description = "Queries (default ${DEFAULT-VALUE}).")
  int queries;

  @Option(names = "--models", defaultValue = "8", description = "Models (default ${DEFAULT-VALUE}).")
  int models;

  @Option(names = "--budget-share", defaultValue = "0.3",
      description = "Budget as a share of the all-cheapest to all-best range (default ${DEFAULT-VALUE}).")
  double budgetShare;

  @Option(names = "--repeats", defaultValue = "3", description = "Runs of each method; medians are reported.")
  int repeats;

  @Option(names = "--seed", defaultValue = "1", description = "Instance seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cold-seconds", defaultValue = "60",
      description = "Time limit of the cold-start OptaPlanner run; 0 skips it (default ${DEFAULT-VALUE}).")
  long coldSeconds;

  @Option(names = "--no-baselines", description = "Only construction + polish (no price-only run).")
  boolean noBaselines;

  @Option(names = "--polish-queries", defaultValue = "100000",
      description = "Most contested queries given to OptaPlanner (default ${DEFAULT-VALUE}).")
  int polishQueries;

  @Option(names = "--steps", defaultValue = "20000", description = "Polish step limit (default ${DEFAULT-VALUE}).")
  int steps;

  @Mixin
  SettingOverrides overrides;

  @Option(names = "--pareto-levels", defaultValue = "0",
      description = "Also time the nightly Pareto sweep of this many budget levels, once per repeat; 0 skips it "
          + "(default ${DEFAULT-VALUE}).")
  int paretoLevels;

  @Option(names = "--json", description = "Also write the medians as JSON to this file.")
  File json;

  @Option(names = "--mode", defaultValue = "driver",
      description = "driver: the single-machine solve; distributed: the night on Spark, drawn on the executors "
          + "(--master); both: the two on the same instance; auto: as allot.solver.distributed.* choose for "
          + "--queries x --models (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--master", defaultValue = "local[2]",
      description = "Spark master of the distributed solve, e.g. spark://127.0.0.1:7077 (default ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--executor-memory", defaultValue = "2g",
      description = "spark.executor.memory of the distributed solve (default ${DEFAULT-VALUE}).")
  String executorMemory;

  @Option(names = "--slice-blocks", defaultValue = "8",
      description = "Blocks of 32,768 queries per Spark partition in the distributed solve (default ${DEFAULT-VALUE}).")
  int sliceBlocks;

  @Override
  public Integer call() throws Exception {
    if (queries <= 0 || models < 2 || repeats <= 0) {
      throw new IllegalArgumentException("--queries must be >= 1, --models >= 2 and --repeats >= 1");
    }
    if (!List.of("driver", "distributed", "both", "auto").contains(mode)) {
      throw new IllegalArgumentException("--mode must be driver, distributed, both or auto, got '" + mode + "'");
    }
    AllotProperties.Solver cfg = SettingsFile.load(overrides.asArgs()).allot().solver();
    if (mode.equals("auto")) {
      mode = SolvePath.choose(cfg.distributed(), queries, models) == SolvePath.Where.DISTRIBUTED ? "distributed"
          : "driver";
      System.out.printf(Locale.ROOT, "auto: %,d queries x %d models go to the %s solve (%s: %,d)%n", queries, models,
          mode, SolvePath.ABOVE, cfg.distributed().aboveQueries());
    }
    SolveSettings base = SolveSettings.of(cfg)
        .withMaxPolishQueries(polishQueries)
        .withStepLimits(Math.max(1, steps / 10), steps).withPolishTimeLimit(Duration.ofSeconds(120));
    if (!mode.equals("driver")) {
      new DistributedBench(queries, models, seed, budgetShare, repeats).run(master, executorMemory, sliceBlocks, base,
          paretoLevels);
      if (mode.equals("distributed")) {
        return 0;
      }
    }
    long g0 = System.nanoTime();
    AssignmentProblem p = BenchInstances.generate(queries, models, seed);
    double budget = BenchInstances.budgetAt(p, budgetShare);
    System.out.printf(Locale.ROOT, "instance: %,d queries x %d models, budget $%.2f (%.0f%% of range), generated in "
        + "%.1f s%n", queries, models, budget, 100 * budgetShare, (System.nanoTime() - g0) / 1e9);
    SolveSettings settings = base;
    Map<String, List<SolverBenchmark.Result>> byMethod = new LinkedHashMap<>();
    for (int r = 0; r < repeats; r++) {
      for (SolverBenchmark.Result res : SolverBenchmark.run(p, budget, settings, Duration.ofSeconds(coldSeconds),
          coldSeconds > 0 && r == 0, !noBaselines)) {
        byMethod.computeIfAbsent(res.method(), k -> new ArrayList<>()).add(res);
        System.out.printf(Locale.ROOT, "run %d %-32s gap %.5f%%  %.1f s  heap %,.0f MB  feasible %s  (%,d steps)%n",
            r + 1, res.method(), 100 * res.gapToBound(), res.wallSeconds(), res.peakHeapMb(), res.feasible(),
            res.polishSteps());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("queries", queries);
    out.put("models", models);
    out.put("budget_usd", budget);
    out.put("repeats", repeats);
    List<Map<String, Object>> methods = new ArrayList<>();
    byMethod.forEach((method, results) -> {
      Map<String, Object> m = medians(results);
      m.put("method", method);
      m.put("runs", results.size());
      methods.add(m);
      System.out.printf(Locale.ROOT, "median of %d  %-32s gap %.5f%%  %.1f s  heap %,.0f MB  feasible %s%n",
          results.size(), method, 100 * (double) m.get("gap_to_bound"), (double) m.get("wall_seconds"),
          (double) m.get("peak_heap_mb"), m.get("feasible"));
      if (method.equals(MAIN_METHOD)) {
        out.putAll(m);
        out.remove("method");
        out.remove("runs");
      }
    });
    out.put("methods", methods);
    if (paretoLevels > 0) {
      // The whole night's sweep and the nightly job's (on a sample when the night is larger than
      // allot.solver.pareto-sample-queries), side by side in each repeat.
      int sample = cfg.paretoSampleQueries();
      List<Double> sweeps = new ArrayList<>();
      List<Double> sampledSweeps = new ArrayList<>();
      double deviation = 0;
      for (int r = 0; r < repeats; r++) {
        SolverBenchmark.Sweep whole = SolverBenchmark.paretoSweep(p, budget, settings, paretoLevels, 0);
        SolverBenchmark.Sweep sampled = SolverBenchmark.paretoSweep(p, budget, settings, paretoLevels, sample);
        sweeps.add(whole.seconds());
        sampledSweeps.add(sampled.seconds());
        deviation = SolverBenchmark.largestQualityDeviation(whole.levels(), sampled.levels());
        System.out.printf(Locale.ROOT, "run %d Pareto sweep of %d levels  %.1f s; on a sample of %,d queries %.1f s, "
            + "largest quality difference from the whole front %.5f%n", r + 1, paretoLevels, whole.seconds(),
            Math.min(sample, queries), sampled.seconds(), deviation);
      }
      double sweep = Medians.of(sweeps);
      double sampled = Medians.of(sampledSweeps);
      double solve = median(byMethod.get(MAIN_METHOD), SolverBenchmark.Result::wallSeconds);
      System.out.printf(Locale.ROOT, "median of %d  Pareto sweep of %d levels  %.1f s = %.2f x one %s; on the sample "
          + "%.1f s = %.2f x%n", repeats, paretoLevels, sweep, sweep / solve, MAIN_METHOD, sampled, sampled / solve);
      out.put("pareto_levels", paretoLevels);
      out.put("pareto_sweep_seconds", sweep);
      out.put("pareto_sample_queries", sample);
      out.put("pareto_sampled_sweep_seconds", sampled);
      out.put("pareto_sampled_largest_quality_difference", deviation);
    }
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json, out);
      System.out.println("wrote " + json);
    }
    return 0;
  }

  private static Map<String, Object> medians(List<SolverBenchmark.Result> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gap_to_bound", median(results, SolverBenchmark.Result::gapToBound));
    m.put("wall_seconds", median(results, SolverBenchmark.Result::wallSeconds));
    m.put("peak_heap_mb", median(results, SolverBenchmark.Result::peakHeapMb));
    m.put("feasible", results.stream().allMatch(SolverBenchmark.Result::feasible));
    m.put("mean_quality", median(results, SolverBenchmark.Result::meanQuality));
    m.put("lp_bound", median(results, SolverBenchmark.Result::lpBound));
    return m;
  }

  private static double median(List<SolverBenchmark.Result> results, ToDoubleFunction<SolverBenchmark.Result> f) {
    return Medians.of(results.stream().map(f::applyAsDouble).toList());
  }
}
