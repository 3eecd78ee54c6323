package io.allot.lab.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allot.spark.predict.ModelMetrics;
import io.allot.report.SvgCharts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes an {@link EvaluationResult} as a text table, JSON and an HTML page with an SVG chart. */
public final class EvaluationReport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationReport() {}

  public static ObjectNode json(EvaluationResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("data", r.request().data().toString());
    o.put("format", r.request().format().name().toLowerCase(Locale.ROOT));
    o.put("train", r.request().trainFile() != null ? r.request().trainFile().toString()
        : "fraction " + r.request().trainFraction() + " of data, seed " + r.request().seed());
    o.put("train_rows", r.trainRows());
    o.put("test_rows", r.testRows() - r.testRowsDropped());
    o.put("test_rows_left_out_for_empty_cells", r.testRowsDropped());
    o.put("missing_cells", r.missingCells());
    ObjectNode missing = o.putObject("missing_cells_by_part");
    missing.put("train", r.trainMissingCells());
    missing.put("test", r.testMissingCells());
    o.put("best_single_model", r.bestSingle().name());
    o.put("best_single_accuracy", r.bestSingleAccuracy());
    o.put("best_single_cost_usd", r.bestSingleCost());
    EvaluationResult.Summary product = r.summary(r.router(EvaluationResult.PRODUCT));
    putSummary(o, product);
    o.remove("aiq");
    o.put("aiq_allot", product.aiq());
    o.put("aiq_oracle", r.aiq(r.oracle()));
    o.put("aiq_best_single", r.aiq(r.bestSingle()));
    o.put("aiq_random_mix", r.aiq(r.randomMix()));
    ObjectNode singles = o.putObject("aiq_single");
    for (Curve c : r.singles()) {
      singles.put(c.name(), r.aiq(c));
    }
    ObjectNode routers = o.putObject("routers");
    for (Curve c : r.routers()) {
      putSummary(routers.putObject(c.name()), r.summary(c));
    }
    o.set("classifier_metrics", metrics(r.classifierMetrics()));
    o.set("knn_metrics", metrics(r.knnMetrics()));
    EvaluationResult.Choice choice = r.choice();
    o.put("chosen_configuration", choice.configuration());
    ObjectNode validation = o.putObject("validation_aiq_on_train");
    choice.validationAiq().forEach(validation::put);
    o.put("answer_format", choice.answerFormat());
    ArrayNode offered = o.putArray("offered_policies");
    choice.offeredPolicies().forEach(offered::add);
    ArrayNode learners = o.putArray("learners");
    choice.learners().forEach(learners::add);
    o.set("shrunk_champion_metrics", metrics(choice.shrunkMetrics()));
    o.put("encoder", r.request().predictor().encoder().setting());
    ObjectNode encoder = o.putObject("encoder_metrics");
    choice.encoderMetrics().forEach((learner, m) -> encoder.set(learner, metrics(m)));
    o.put("seconds", choice.seconds());
    ArrayNode curves = o.putArray("curves");
    for (Curve c : r.allCurves()) {
      ObjectNode cn = curves.addObject();
      cn.put("name", c.name());
      ArrayNode pts = cn.putArray("points");
      for (Curve.Point p : c.points()) {
        ObjectNode pn = pts.addObject();
        if (!Double.isNaN(p.budgetUsd())) {
          pn.put("budget_usd", p.budgetUsd());
        }
        pn.put("cost_usd", p.costUsd());
        pn.put("accuracy", p.accuracy());
        if (!Double.isNaN(p.predictedAccuracy())) {
          pn.put("predicted_accuracy", p.predictedAccuracy());
        }
      }
    }
    return o;
  }

  private static void putSummary(ObjectNode o, EvaluationResult.Summary s) {
    if (s.costRatioAtBestAccuracy() == null) {
      o.putNull("cost_ratio_at_best_accuracy");
    } else {
      o.put("cost_ratio_at_best_accuracy", s.costRatioAtBestAccuracy());
    }
    ObjectNode at = o.putObject("accuracy_at_cost_ratio");
    for (Map.Entry<String, Double> e : s.accuracyAtCostRatio().entrySet()) {
      if (e.getValue() == null) {
        at.putNull(e.getKey());
      } else {
        at.put(e.getKey(), e.getValue());
      }
    }
    o.put("aiq", s.aiq());
  }

  private static ArrayNode metrics(List<ModelMetrics> metrics) {
    ArrayNode a = JSON.createArrayNode();
    for (ModelMetrics m : metrics) {
      ObjectNode n = a.addObject();
      n.put("model", m.modelId());
      n.put("auc", m.calibrated().auc());
      n.put("brier", m.calibrated().brier());
      n.put("ece", m.calibrated().ece());
      n.put("raw_brier", m.raw().brier());
      n.put("raw_ece", m.raw().ece());
    }
    return a;
  }

  public static void writeJson(EvaluationResult r, Path out) throws IOException {
    JSON.writeValue(out.toFile(), json(r));
  }

  public static void printTable(EvaluationResult r, PrintStream out) {
    out.printf(Locale.ROOT, "train %d rows, test %d rows (%d left out for empty cells); "
            + "empty cells: %d in train, %d in test%n", r.trainRows(),
        r.testRows() - r.testRowsDropped(), r.testRowsDropped(), r.trainMissingCells(),
        r.testMissingCells());
    out.printf(Locale.ROOT, "best single model: %s, accuracy %.4f at $%.4f%n%n",
        r.bestSingle().name(), r.bestSingleAccuracy(), r.bestSingleCost());
    out.printf(Locale.ROOT, "%-28s %8s %14s %9s %9s %9s %9s%n", "policy", "AIQ",
        "cost@best acc", "acc@0.05", "acc@0.1", "acc@0.25", "acc@0.5");
    for (Curve c : r.routers()) {
      EvaluationResult.Summary s = r.summary(c);
      out.printf(Locale.ROOT, "%-28s %8.4f %14s %9s %9s %9s %9s%n", c.name(), s.aiq(),
          s.costRatioAtBestAccuracy() == null ? "never"
              : String.format(Locale.ROOT, "%.3fx", s.costRatioAtBestAccuracy()),
          fmt(s.accuracyAtCostRatio().get("0.05")), fmt(s.accuracyAtCostRatio().get("0.1")),
          fmt(s.accuracyAtCostRatio().get("0.25")), fmt(s.accuracyAtCostRatio().get("0.5")));
    }
    for (Curve c : List.of(r.randomMix(), r.oracle())) {
      out.printf(Locale.ROOT, "%-28s %8.4f%n", c.name(), r.aiq(c));
    }
    EvaluationResult.Choice choice = r.choice();
    out.printf(Locale.ROOT, "%n'allot' is '%s', chosen on the train part (mean validation AIQ: %s)%n",
        choice.configuration(), validation(choice.validationAiq()));
    out.printf(Locale.ROOT, "answers parsed as: %s; cascades and votes offered (chosen on train): %d%n",
        choice.answerFormat(), choice.offeredPolicies().size());
    for (String p : choice.offeredPolicies()) {
      out.println("  " + p);
    }
    out.printf(Locale.ROOT, "%n%-16s %12s %12s %12s%n", "allot budget $", "realised $",
        "predicted acc", "realised acc");
    for (Curve.Point p : r.router(EvaluationResult.PRODUCT).points()) {
      out.printf(Locale.ROOT, "%-16.4f %12.4f %12.4f %12.4f%n", p.budgetUsd(), p.costUsd(),
          p.predictedAccuracy(), p.accuracy());
    }
    out.printf(Locale.ROOT, "%n%-36s %8s %10s %9s   %s%n", "single model", "accuracy", "cost $",
        "AIQ", "logistic AUC / Brier / ECE (raw ECE) | kNN AUC / Brier | shrunk champion AUC / Brier");
    for (int j = 0; j < r.singles().size(); j++) {
      Curve c = r.singles().get(j);
      ModelMetrics m = r.classifierMetrics().get(j);
      ModelMetrics k = r.knnMetrics().get(j);
      ModelMetrics s = r.choice().shrunkMetrics().get(j);
      out.printf(Locale.ROOT, "%-36s %8.4f %10.4f %9.4f   %.3f / %.3f / %.3f (%.3f) | %.3f / %.3f | %.3f / %.3f%n",
          c.name(), c.points().get(0).accuracy(), c.points().get(0).costUsd(), r.aiq(c),
          m.calibrated().auc(), m.calibrated().brier(), m.calibrated().ece(), m.raw().ece(),
          k.calibrated().auc(), k.calibrated().brier(), s.calibrated().auc(), s.calibrated().brier());
    }
    out.printf(Locale.ROOT, "median AUC / Brier: logistic %.3f / %.4f, kNN %.3f / %.4f, shrunk champion %.3f / %.4f%n",
        median(r.classifierMetrics(), true), median(r.classifierMetrics(), false),
        median(r.knnMetrics(), true), median(r.knnMetrics(), false),
        median(r.choice().shrunkMetrics(), true), median(r.choice().shrunkMetrics(), false));
    r.choice().encoderMetrics().forEach((learner, m) -> out.printf(Locale.ROOT, "median AUC / Brier: %s %.3f / %.4f%n",
        learner, median(m, true), median(m, false)));
    out.printf(Locale.ROOT, "learners: %s%nwall time %.1f s%n", String.join("; ", r.choice().learners()),
        r.choice().seconds());
  }

  static double median(List<ModelMetrics> metrics, boolean auc) {
    double[] v = metrics.stream().mapToDouble(m -> auc ? m.calibrated().auc() : m.calibrated().brier())
        .sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String validation(Map<String, Double> aiq) {
    StringBuilder sb = new StringBuilder();
    aiq.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.4f", k, v)));
    return sb.toString();
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }

  public static void writeHtml(EvaluationResult r, Path out) throws IOException {
    List<SvgCharts.Series> series = new ArrayList<>();
    for (Curve c : r.routers()) {
      series.add(series(c, false));
    }
    series.add(series(r.randomMix(), true));
    series.add(series(r.oracle(), true));
    List<SvgCharts.Series> singles = new ArrayList<>();
    for (Curve c : r.singles()) {
      singles.add(series(c, false));
    }
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<title>allot evaluate</title></head><body style=\"font-family:sans-serif\">\n");
    html.append("<h1>allot evaluate: ").append(SvgCharts.esc(r.request().data().toString()))
        .append("</h1>\n<p>Realised accuracy against realised cost on the test rows. Best single "
            + "model: ").append(SvgCharts.esc(r.bestSingle().name()))
        .append(String.format(Locale.ROOT, ", accuracy %.4f at $%.4f.", r.bestSingleAccuracy(),
            r.bestSingleCost())).append("</p>\n");
    html.append(SvgCharts.lineChart("realised cost (USD)", "realised accuracy", series, null));
    html.append("<h2>Single models</h2>\n");
    html.append(SvgCharts.lineChart("realised cost (USD)", "realised accuracy", singles, null));
    html.append("<pre>");
    java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
    printTable(r, new PrintStream(table, true, java.nio.charset.StandardCharsets.UTF_8));
    html.append(SvgCharts.esc(table.toString(java.nio.charset.StandardCharsets.UTF_8)));
    html.append("</pre></body></html>\n");
    Files.writeString(out, html.toString());
  }

  private static SvgCharts.Series series(Curve c, boolean dashed) {
    List<Curve.Point> pts = new ArrayList<>(c.points());
    pts.sort(java.util.Comparator.comparingDouble(Curve.Point::costUsd));
    double[] x = pts.stream().mapToDouble(Curve.Point::costUsd).toArray();
    double[] y = pts.stream().mapToDouble(Curve.Point::accuracy).toArray();
    return new SvgCharts.Series(c.name(), x, y, dashed);
  }
}
