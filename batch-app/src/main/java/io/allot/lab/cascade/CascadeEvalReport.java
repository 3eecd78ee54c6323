package io.allot.lab.cascade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Prints a {@link CascadeEvaluation.Result} as tables, and writes it as JSON. */
public final class CascadeEvalReport {

  private CascadeEvalReport() {}

  public static void print(CascadeEvaluation.Result r, PrintStream out) {
    out.printf(Locale.ROOT, "evaluated %,d labelled queries (%,d with incomplete outcomes left out, %,d without a"
        + " margin); all-small $%.4f, all-best-predicted $%.4f%n", r.evaluatedQueries(), r.incompleteQueries(),
        r.queriesWithoutMargin(), r.allSmallCostUsd(), r.allBestCostUsd());
    if (r.calibration() != null) {
      out.println(r.calibration());
    }
    out.println();
    out.println("realised accuracy (realised cost USD) per budget; the cascade pays the small model on every query");
    out.printf(Locale.ROOT, "%7s %10s | %-18s %-18s %-18s | %s%n", "budget", "USD", "cascade", "solver",
        "random escal.", "escalated");
    for (CascadeEvaluation.Level l : r.levels()) {
      out.printf(Locale.ROOT, "%6.0f%% %10.4f | %-18s %-18s %-18s | %.1f%%%n", l.share() * 100, l.budgetUsd(),
          cell(l.cascade()), cell(l.solver()), cell(l.random()),
          100.0 * l.cascade().escalated() / r.evaluatedQueries());
    }
    out.println();
    out.println("cascade minus solver, realised accuracy points per task (positive: the cascade wins)");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %7s", "task", "queries"));
    for (CascadeEvaluation.Level l : r.levels()) {
      head.append(String.format(Locale.ROOT, " %6.0f%%", l.share() * 100));
    }
    out.println(head);
    if (r.levels().isEmpty()) {
      return;
    }
    for (int t = 0; t < r.levels().get(0).tasks().size(); t++) {
      CascadeEvaluation.TaskScore first = r.levels().get(0).tasks().get(t);
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10s %7d", first.task(), first.queries()));
      for (CascadeEvaluation.Level l : r.levels()) {
        CascadeEvaluation.TaskScore s = l.tasks().get(t);
        row.append(String.format(Locale.ROOT, " %+7.1f", 100 * (s.cascade() - s.solver())));
      }
      out.println(row);
    }
  }

  private static String cell(PolicyScore s) {
    return String.format(Locale.ROOT, "%.4f (%.4f)", s.realisedAccuracy(), s.realisedCostUsd());
  }

  public static void writeJson(CascadeEvaluation.Result r, Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), r);
  }
}
