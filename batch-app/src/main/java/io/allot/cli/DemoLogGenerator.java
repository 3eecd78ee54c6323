package io.allot.cli;

import io.allot.generate.DemoDataGenerator;
import io.allot.generate.GeneratedSummary;
import io.allot.generate.GeneratorSettings;
import io.allot.generate.ProgressListener;
import io.allot.spark.catalog.ModelCatalog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Generates a demo log with progress lines and prints what it wrote; used by generate and demo. */
final class DemoLogGenerator {
  private DemoLogGenerator() {}

  /** The final night when none is given: yesterday, UTC. */
  static LocalDate defaultDate() {
    return LocalDate.now(ZoneOffset.UTC).minusDays(1);
  }

  static GeneratedSummary generate(GeneratorSettings s, ModelCatalog catalog, PrintStream progress) {
    return DemoDataGenerator.generate(s, catalog, (written, total, elapsed) -> {
      Duration left = ProgressListener.remaining(written, total, elapsed);
      progress.printf(Locale.ROOT, "generate: %,d of %,d queries written, %.1f s elapsed, about %d s left%n",
          written, total, elapsed.toMillis() / 1000.0, left.toSeconds());
    });
  }

  static void printSummary(GeneratedSummary s, Path out, PrintStream o) {
    o.printf(Locale.ROOT, "wrote %,d queries (%,d invalid on purpose) and %,d outcome rows in %d nights to %s%n",
        s.queries(), s.badRecords(), s.outcomeRows(), s.nights().size(), out.toAbsolutePath());
    for (GeneratedSummary.ModelTruth m : s.models()) {
      o.printf(Locale.ROOT, "  %-20s true accuracy %.3f, mean cost $%.6f per query%s%n", m.modelId(), m.accuracy(),
          m.meanCostUsd(), m.smallTier() ? " (small tier)" : "");
    }
    o.printf(Locale.ROOT, "  oracle accuracy %.3f; AUC of the small model's margin for its correctness %.3f%n",
        s.oracleAccuracy(), s.smallMarginAuc());
  }
}
