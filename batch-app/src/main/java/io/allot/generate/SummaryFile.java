package io.allot.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes generator.json: the settings and the summary. The output folder and the elapsed time are
 * left out on purpose, so two runs with the same settings write the same bytes wherever they run.
 */
final class SummaryFile {
  static final String NAME = "generator.json";
  static final int FORMAT_VERSION = 1;

  private SummaryFile() {
  }

  static void write(Path outDir, GeneratorSettings s, GeneratedSummary sum) throws IOException {
    Path file = outDir.resolve(NAME);
    Path part = outDir.resolve(NAME + ".part");
    // A fixed "\n" indenter: the default one uses the platform line separator.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
        .withObjectIndenter(indenter).withArrayIndenter(indenter);
    try (OutputStream out = Files.newOutputStream(part);
         JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      g.setPrettyPrinter(pretty);
      g.writeStartObject();
      g.writeStringField("generator", "allot-demo-data");
      g.writeNumberField("format_version", FORMAT_VERSION);
      g.writeObjectFieldStart("settings");
      g.writeNumberField("queries", s.queries());
      g.writeNumberField("seed", s.seed());
      g.writeStringField("run_date", s.runDate().toString());
      g.writeNumberField("nights", s.nights());
      g.writeNumberField("history_queries_per_night", s.historyQueriesPerNight());
      g.writeNumberField("label_fraction", s.labelFraction());
      g.writeNumberField("bad_record_fraction", s.badRecordFraction());
      g.writeEndObject();

      g.writeObjectFieldStart("summary");
      g.writeNumberField("queries", sum.queries());
      g.writeNumberField("valid_queries", sum.validQueries());
      g.writeNumberField("bad_records", sum.badRecords());
      g.writeNumberField("labelled_queries", sum.labelledQueries());
      g.writeNumberField("outcome_rows", sum.outcomeRows());
      number(g, "oracle_accuracy", sum.oracleAccuracy());
      number(g, "small_margin_auc", sum.smallMarginAuc());
      number(g, "small_naive_margin_auc", sum.smallNaiveMarginAuc());
      number(g, "variant_share", sum.variantShare());
      counts(g, "queries_by_task", sum.queriesByTask());
      counts(g, "queries_by_tenant", sum.queriesByTenant());
      g.writeArrayFieldStart("nights");
      for (GeneratedSummary.Night n : sum.nights()) {
        g.writeStartObject();
        g.writeStringField("date", n.date().toString());
        g.writeStringField("query_log", n.queryLog());
        g.writeStringField("outcomes", n.outcomes());
        g.writeNumberField("queries", n.queries());
        g.writeNumberField("valid_queries", n.validQueries());
        g.writeNumberField("labelled_queries", n.labelledQueries());
        g.writeNumberField("outcome_rows", n.outcomeRows());
        g.writeObjectFieldStart("bad_records");
        for (Map.Entry<BadRecordKind, Long> e : n.badRecords().entrySet()) {
          g.writeNumberField(e.getKey().label(), e.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("models");
      for (GeneratedSummary.ModelTruth m : sum.models()) {
        g.writeStartObject();
        g.writeStringField("model_id", m.modelId());
        g.writeBooleanField("small_tier", m.smallTier());
        number(g, "accuracy", m.accuracy());
        number(g, "mean_cost_usd", m.meanCostUsd());
        ratios(g, "accuracy_by_task", m.accuracyByTask());
        ratios(g, "designed_accuracy_by_task", m.designedAccuracyByTask());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** NaN (nothing to measure, e.g. no valid queries) is written as null, which is valid JSON. */
  private static void number(JsonGenerator g, String name, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumberField(name, v);
    } else {
      g.writeNullField(name);
    }
  }

  private static void counts(JsonGenerator g, String name, Map<String, Long> m) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Long> e : m.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  private static void ratios(JsonGenerator g, String name, Map<String, Double> m) throws IOException {
    g.writeObjectFieldStart(name);
    for (Map.Entry<String, Double> e : m.entrySet()) {
      number(g, e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }
}
