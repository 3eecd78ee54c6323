package io.allot.cli;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotHome;
import io.allot.config.AllotProperties;
import io.allot.generate.GeneratorSettings;
import io.allot.run.RunSettings;
import io.allot.train.PredictorRepository;
import io.allot.train.PredictorVersion;
import io.allot.train.TrainPredictorRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code allot demo}: generates a demo log (once per size and seed), then runs the nightly job on
 * it with the embedded PostgreSQL and local Spark, and prints where the results are.
 */
@Command(name = "demo", description = "Generate a demo log and run the nightly job on it end to end.")
class DemoCommand implements Callable<Integer> {
  @Option(names = "--queries", defaultValue = "100000", description = "Queries in the night (default ${DEFAULT-VALUE}).")
  long queries;

  @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--budget", defaultValue = "30%",
      description = "Budget in USD, or a share of the cheapest-to-best range (default ${DEFAULT-VALUE}).")
  String budget;

  @Option(names = "--no-train", description = "Skip training the quality predictor; the run then scores with "
      + "smoothed per-task means unless a version was trained before.")
  boolean noTrain;

  @Mixin
  SettingOverrides overrides;

  @Override
  public Integer call() throws Exception {
    Path dataDir = AllotHome.path("work/demo/data-" + queries + "-s" + seed);
    GeneratorSettings gen = GeneratorSettings.defaults(dataDir, queries, seed, DemoLogGenerator.defaultDate())
        .withBadRecordFraction(0.002);
    try (ConfigurableApplicationContext ctx = SpringContext.start(overrides.asArgs(), Map.of(), false)) {
      if (!Files.isRegularFile(dataDir.resolve("generator.json"))
          || !Files.isDirectory(dataDir.resolve("logs/date=" + gen.runDate()))) {
        System.out.println("allot demo: generating " + queries + " queries into " + dataDir);
        DemoLogGenerator.printSummary(
            DemoLogGenerator.generate(gen, ctx.getBean(ModelCatalog.class), System.err), dataDir, System.out);
      } else {
        System.out.println("allot demo: reusing the generated log in " + dataDir);
      }
      AllotProperties props = ctx.getBean(AllotProperties.class);
      RunSettings settings = NightInputs.runSettings(props, gen.runDate(), null, budget, dataDir.resolve("logs"),
          dataDir.resolve("outcomes"));
      if (!noTrain) {
        trainPredictorOnce(ctx, props, gen.runDate(), dataDir);
      }
      System.out.println("allot demo: running the nightly job for " + gen.runDate() + " (embedded PostgreSQL in "
          + AllotHome.path(props.db().embedded().dataDir()) + ", Spark " + props.spark().master() + ")");
      long runId = JobRunner.run(ctx, settings, true);
      RunSummaryPrinter.print(ctx.getBean(JdbcTemplate.class), runId, System.out, "./allot sql");
    }
    return 0;
  }

  /** Trains the predictor on the demo's history unless a version was already trained from it. */
  private static void trainPredictorOnce(ConfigurableApplicationContext ctx, AllotProperties props,
      java.time.LocalDate runDate, Path dataDir) throws Exception {
    TrainPredictorRequest request = NightInputs.trainRequest(props, runDate, dataDir.resolve("logs"),
        dataDir.resolve("outcomes"));
    java.util.Optional<PredictorVersion> existing = ctx.getBean(PredictorRepository.class)
        .newestFromLogRoot(request.logRoot(), runDate);
    if (existing.isPresent()) {
      System.out.println("allot demo: reusing quality predictor version " + existing.get().versionId()
          + " trained on this log's history");
      return;
    }
    System.out.println("allot demo: training the quality predictor on the labelled history (./allot train-predictor)");
    long version = PredictorTraining.train(ctx, request);
    PredictorTraining.printVersion(ctx.getBean(JdbcTemplate.class), version, System.out);
  }
}
