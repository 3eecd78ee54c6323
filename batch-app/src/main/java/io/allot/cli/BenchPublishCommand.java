package io.allot.cli;

import io.allot.lab.bench.Medians;
import io.allot.publish.AssignmentPublisher;
import io.allot.solve.AssignmentFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot bench-publish}: rows per second of COPY against JDBC batch inserts, loading the
 * same assignment file into the same kind of staging table, alternating, in one process.
 */
@Command(name = "bench-publish", description = "Benchmark: publish throughput, COPY vs JDBC batch insert.")
class BenchPublishCommand implements Callable<Integer> {
  private static final String[] MODELS = {"llama-3.1-8b-ft", "mistral-small", "gpt-4o-mini", "gpt-4o"};

  @Option(names = "--rows", defaultValue = "1000000", description = "Rows per load (default ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--repeats", defaultValue = "3", description = "Loads per method (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--loaders", split = ",", defaultValue = "COPY,JDBC_BATCH",
      description = "Loaders to compare: COPY, JDBC_BATCH (default ${DEFAULT-VALUE}).")
  List<AssignmentPublisher.Loader> loaders;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    Path file = Files.createTempFile("allot-bench-publish", ".csv");
    SplittableRandom rnd = new SplittableRandom(7);
    AssignmentFile.write(file, rows, i -> new AssignmentFile.Row(String.format("q-%09d", i), "tenant-" + (i % 4),
        MODELS[rnd.nextInt(MODELS.length)], rnd.nextDouble(), rnd.nextDouble() * 0.01));
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      AssignmentPublisher publisher = ctx.getBean(AssignmentPublisher.class);
      List<Double> copy = new ArrayList<>();
      List<Double> batch = new ArrayList<>();
      long benchRunId = 0;  // job instance ids start at 1, so 0 never clashes with a run
      for (int r = 0; r < repeats; r++) {
        for (AssignmentPublisher.Loader loader : loaders) {
          long t0 = System.nanoTime();
          publisher.loadOnly(benchRunId, file, rows, loader);
          double perSecond = rows / ((System.nanoTime() - t0) / 1e9);
          publisher.dropStaging(benchRunId);
          (loader == AssignmentPublisher.Loader.COPY ? copy : batch).add(perSecond);
          System.out.printf(Locale.ROOT, "repeat %d %-10s %,12.0f rows/s%n", r + 1, loader, perSecond);
        }
      }
      double mc = Medians.of(copy);
      double mb = Medians.of(batch);
      System.out.printf(Locale.ROOT, "median over %d repeats of %,d rows:%s%s%s%n", repeats, rows,
          copy.isEmpty() ? "" : String.format(Locale.ROOT, " COPY %,.0f rows/s", mc),
          batch.isEmpty() ? "" : String.format(Locale.ROOT, " JDBC batch %,.0f rows/s", mb),
          copy.isEmpty() || batch.isEmpty() ? "" : String.format(Locale.ROOT, ", COPY/batch = %.2fx", mc / mb));
    } finally {
      Files.deleteIfExists(file);
    }
    return 0;
  }

}
