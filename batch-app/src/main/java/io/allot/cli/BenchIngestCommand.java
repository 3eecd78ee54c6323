package io.allot.cli;

import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.config.SettingsFile;
import io.allot.config.SparkSessions;
import io.allot.lab.bench.Medians;
import io.allot.lab.bench.RawLogParse;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.ingest.IngestJob;
import io.allot.spark.ingest.IngestSummary;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot bench-ingest}: the ingest step's Spark job (validation, duplicate ids, the valid and
 * rejected Parquet) against a raw one-pass Jackson parse of the same JSONL log, with one thread
 * and with one thread per core, alternating in one process; medians of the repeats and their ratio.
 */
@Command(name = "bench-ingest",
    description = "Benchmark: the ingest step's Spark job against a raw one-pass Jackson parse of the same log.")
class BenchIngestCommand implements Callable<Integer> {
  @Option(names = "--log", required = true,
      description = "A JSONL query log: a file, or a night folder of them (e.g. <generated>/logs/date=2026-11-20).")
  Path log;

  @Option(names = "--repeats", defaultValue = "3", description = "Runs of each (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--threads", defaultValue = "0",
      description = "Threads of the parallel raw parse; 0: one per core (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--out", defaultValue = "work/bench-ingest",
      description = "Folder for the ingest's output, overwritten each run (default ${DEFAULT-VALUE}).")
  Path out;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    if (repeats <= 0) {
      throw new IllegalArgumentException("--repeats is " + repeats + "; it must be at least 1");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("--threads is " + threads + "; it must be at least 1, or 0 for one per core");
    }
    QuietLogging.apply();
    int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    AllotProperties props = SettingsFile.load(overrides.asArgs()).allot();
    ModelCatalog catalog = ModelCatalog.load(AllotHome.path(props.catalog()));
    List<Path> files = RawLogParse.files(log);
    IngestJob.Params params = new IngestJob.Params(log.toString(), catalog, out.toString());
    List<Double> raw1 = new ArrayList<>();
    List<Double> rawN = new ArrayList<>();
    List<Double> spark = new ArrayList<>();
    List<Double> raw1Cpu = new ArrayList<>();
    List<Double> rawNCpu = new ArrayList<>();
    List<Double> sparkCpu = new ArrayList<>();
    try (SparkSessions sessions = new SparkSessions(props.spark())) {
      SparkSession session = sessions.get();
      System.out.printf(Locale.ROOT, "log %s: %d file(s); Spark master %s; raw parse threads 1 and %d%n", log,
          files.size(), session.sparkContext().master(), n);
      for (int r = 1; r <= repeats; r++) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        RawLogParse.Totals one = RawLogParse.parse(files, 1);
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        RawLogParse.Totals many = RawLogParse.parse(files, n);
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        IngestSummary s = IngestJob.run(session, params);
        long t3 = System.nanoTime();
        long c3 = cpuNanos();
        raw1Cpu.add((c1 - c0) / 1e9);
        rawNCpu.add((c2 - c1) / 1e9);
        sparkCpu.add((c3 - c2) / 1e9);
        if (one.records() != s.totalRecords() || many.records() != s.totalRecords()) {
          throw new IllegalStateException("the raw parse read " + one.records() + " / " + many.records()
              + " records but ingest " + s.totalRecords());
        }
        raw1.add((t1 - t0) / 1e9);
        rawN.add((t2 - t1) / 1e9);
        spark.add((t3 - t2) / 1e9);
        System.out.printf(Locale.ROOT, "repeat %d: raw parse 1 thread %.2f s (CPU %.1f s), %d threads %.2f s "
            + "(CPU %.1f s); ingest %.2f s (CPU %.1f s; %,d records, %,d valid, %,d rejected)%n", r, raw1.get(r - 1),
            raw1Cpu.get(r - 1), n, rawN.get(r - 1), rawNCpu.get(r - 1), spark.get(r - 1), sparkCpu.get(r - 1),
            s.totalRecords(), s.validRecords(), s.rejectedRecords());
      }
    }
    double m1 = Medians.of(raw1);
    double mn = Medians.of(rawN);
    double ms = Medians.of(spark);
    System.out.printf(Locale.ROOT, "median of %d: raw parse 1 thread %.2f s, %d threads %.2f s; ingest %.2f s; "
        + "ingest / raw parse (%d threads) = %.2fx, / raw parse (1 thread) = %.2fx%n", repeats, m1, n, mn, ms, n,
        ms / mn, ms / m1);
    System.out.printf(Locale.ROOT, "median CPU (all threads of this process, incl. GC) of %d: raw parse 1 thread "
        + "%.1f s, %d threads %.1f s; ingest %.1f s; ingest / raw parse (%d threads) = %.2fx%n", repeats,
        Medians.of(raw1Cpu), n, Medians.of(rawNCpu), Medians.of(sparkCpu), n,
        Medians.of(sparkCpu) / Medians.of(rawNCpu));
    return 0;
  }

  /**
   * CPU time of the whole process: on a machine shared with other builds it shows the work done,
   * where wall time also shows the waiting for a core.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
