package io.allot.testing;

import io.allot.AllotApplication;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotHome;
import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratedSummary;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Generated nights, a fresh database and an app context for the whole-job tests. */
public final class JobFixture {
  public static final LocalDate NIGHT = LocalDate.parse("2026-11-20");

  private JobFixture() {}

  public static Path projectHome() {
    return AllotHome.resolve();
  }

  public static Path tempDir(String name) {
    try {
      Path base = Path.of(System.getProperty("java.io.tmpdir"));
      Files.createDirectories(base);
      return Files.createTempDirectory(base, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Two nights: the earlier one labelled history, the last one the night to assign. */
  public static GeneratedSummary generate(Path out, long queries, long seed, double badFraction) {
    ModelCatalog catalog = ModelCatalog.load(projectHome().resolve("conf/models.yml"));
    GeneratorSettings s = GeneratorSettings.defaults(out, queries, seed, NIGHT).withBadRecordFraction(badFraction);
    return DemoDataGenerator.generate(s, catalog, ProgressListener.NONE);
  }

  /** {@code nights} generated nights ending at {@link #NIGHT}, each with its own log and outcomes. */
  public static void generateNights(Path out, long queries, long seed, int nights) {
    ModelCatalog catalog = ModelCatalog.load(projectHome().resolve("conf/models.yml"));
    DemoDataGenerator.generate(GeneratorSettings.defaults(out, queries, seed, NIGHT).withNights(nights), catalog,
        ProgressListener.NONE);
  }

  /** Settings for the app under test, as --key=value arguments. */
  public static List<String> appArgs(String jdbcUrl, Path workDir) {
    List<String> args = new ArrayList<>();
    args.add("--allot.db.url=" + jdbcUrl);
    args.add("--allot.db.user=postgres");
    args.add("--allot.work-dir=" + workDir);
    args.add("--allot.spark.master=local[2]");
    args.add("--allot.spark.shuffle-partitions=4");
    args.add("--allot.solver.pareto-levels=5");
    return args;
  }

  /** {@code allot run} for {@link #NIGHT} on a generated data folder, as a child process's arguments. */
  public static List<String> runCommand(Path data, String budget, String jdbcUrl, Path workDir) {
    List<String> args = new ArrayList<>(List.of("run", "--date", NIGHT.toString(), "--budget", budget,
        "--log-root", data.resolve("logs").toString(), "--outcomes-root", data.resolve("outcomes").toString()));
    for (String a : appArgs(jdbcUrl, workDir)) {
      args.add("--set");
      args.add(a.substring(2));
    }
    return args;
  }

  private static final String CASCADE_OPTIONS_ENABLED = "--allot.cascade-options.enabled=";

  /** The app on the given database; extra arguments are more --key=value settings. */
  public static ConfigurableApplicationContext start(String jdbcUrl, Path workDir, String... extra) {
    List<String> args = appArgs(jdbcUrl, workDir);
    // Cascade options are off in the in-process tests unless a test turns them on: their nights are
    // too small for any task to reach allot.cascade-options.min-train-rows, so the history read (a
    // Spark job in every solve, ~4 s) would decide nothing. NightlyJobTest (20,000 queries) and the
    // child-JVM runs (runCommand) keep the default, on.
    if (Arrays.stream(extra).noneMatch(a -> a.startsWith(CASCADE_OPTIONS_ENABLED))) {
      args.add(CASCADE_OPTIONS_ENABLED + "false");
    }
    args.addAll(List.of(extra));
    return new SpringApplicationBuilder(AllotApplication.class)
        .web(WebApplicationType.NONE)
        .properties(Map.of("spring.config.additional-location", "optional:file:" + projectHome().resolve("conf") + "/"))
        .logStartupInfo(false)
        .run(args.toArray(String[]::new));
  }
}
