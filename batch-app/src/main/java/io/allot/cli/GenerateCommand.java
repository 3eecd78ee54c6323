package io.allot.cli;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.config.AllotHome;
import io.allot.generate.GeneratedSummary;
import io.allot.generate.GeneratorSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code allot generate}: a deterministic demo query log and outcomes. */
@Command(name = "generate", description = "Write a realistic, deterministic query log and outcomes (streaming).")
class GenerateCommand implements Callable<Integer> {
  @Option(names = "--queries", required = true, description = "Queries on the final night.")
  long queries;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--date", description = "The final night (default: yesterday, UTC).")
  LocalDate date;

  @Option(names = "--nights", defaultValue = "2", description = "Nights ending at --date; earlier ones are "
      + "labelled history (default ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--history-queries", description = "Queries per earlier night (default min(queries, 50000)).")
  Long historyQueries;

  @Option(names = "--label-fraction", defaultValue = "0.25",
      description = "Share of each night's queries with outcomes for every model (default ${DEFAULT-VALUE}).")
  double labelFraction;

  @Option(names = "--bad-fraction", defaultValue = "0",
      description = "Share of records made invalid on purpose, to show validation (default ${DEFAULT-VALUE}).")
  double badFraction;

  @Option(names = "--catalog", defaultValue = "conf/models.yml", description = "Model catalog (default ${DEFAULT-VALUE}).")
  String catalog;

  @Override
  public Integer call() {
    GeneratedSummary s = DemoLogGenerator.generate(settings(), ModelCatalog.load(AllotHome.path(catalog)), System.err);
    DemoLogGenerator.printSummary(s, out, System.out);
    return 0;
  }

  GeneratorSettings settings() {
    LocalDate night = date != null ? date : DemoLogGenerator.defaultDate();
    GeneratorSettings s = GeneratorSettings.defaults(out.toAbsolutePath(), queries, seed, night)
        .withNights(nights).withLabelFraction(labelFraction).withBadRecordFraction(badFraction);
    return historyQueries == null ? s : s.withHistoryQueriesPerNight(historyQueries);
  }
}
