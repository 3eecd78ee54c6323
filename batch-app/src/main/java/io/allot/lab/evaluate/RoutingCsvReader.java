package io.allot.lab.evaluate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a RouterBench or OptLLM CSV into {@link RoutingData}. Models are found from their cost
 * columns ({@code <model>|total_cost} or {@code <model>_cost}); each needs its score column too.
 * Empty score or cost cells become NaN and are counted; any other bad cell is an error naming the
 * row and column.
 */
public final class RoutingCsvReader {
  private RoutingCsvReader() {}

  public static RoutingData read(Path file, DataFormat format) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("data file " + file + " does not exist");
    }
    CSVFormat csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
        .setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(false).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = csv.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      Map<String, Integer> index = parser.getHeaderMap();
      requireColumn(index, format.textColumn, file);
      if (format.idColumn != null && !header.get(0).isBlank()) {
        requireColumn(index, format.idColumn, file);
      }
      List<String> models = models(header, format, index, file);
      int m = models.size();
      List<String> ids = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      List<double[]> scores = new ArrayList<>();
      List<double[]> costs = new ArrayList<>();
      boolean hasAnswers = models.stream().allMatch(mo -> index.containsKey(mo + format.answerSuffix));
      List<String[]> answers = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long missing = 0;
      for (CSVRecord rec : parser) {
        long row = rec.getRecordNumber();
        if (!rec.isConsistent()) {
          throw new IllegalArgumentException(file + " row " + row + " has " + rec.size()
              + " cells but the header has " + header.size());
        }
        String id = rowId(rec, header, format);
        if (!seen.add(id)) {
          throw new IllegalArgumentException(file + " row " + row + ": duplicate id '" + id + "'");
        }
        double[] s = new double[m];
        double[] c = new double[m];
        for (int j = 0; j < m; j++) {
          s[j] = cell(rec, models.get(j), file, 1.0);
          c[j] = cell(rec, models.get(j) + format.costSuffix, file, Double.POSITIVE_INFINITY);
          missing += (Double.isNaN(s[j]) ? 1 : 0) + (Double.isNaN(c[j]) ? 1 : 0);
        }
        ids.add(id);
        String text = rec.get(format.textColumn);
        texts.add(format == DataFormat.ROUTERBENCH ? PromptText.fromPythonList(text) : text);
        scores.add(s);
        costs.add(c);
        if (hasAnswers) {
          String[] a = new String[m];
          for (int j = 0; j < m; j++) {
            String v = rec.get(models.get(j) + format.answerSuffix);
            a[j] = format == DataFormat.ROUTERBENCH ? PromptText.fromPythonList(v) : v;
          }
          answers.add(a);
        }
      }
      if (ids.isEmpty()) {
        throw new IllegalArgumentException(file + " has a header but no rows");
      }
      return new RoutingData(file.toString(), models, ids.toArray(String[]::new),
          texts.toArray(String[]::new), flatten(scores, m), flatten(costs, m), missing,
          hasAnswers ? answers.stream().flatMap(java.util.Arrays::stream).toArray(String[]::new) : null);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (java.io.UncheckedIOException e) {
      throw new IllegalArgumentException("cannot parse " + file + " as CSV: " + e.getMessage(), e);
    }
  }

  /**
   * The unnamed first column (the exporting data frame's index) when the file has one: RouterBench
   * repeats some sample_ids for different prompts. Else the format's id column, else "row-N".
   */
  private static String rowId(CSVRecord rec, List<String> header, DataFormat format) {
    String id = header.get(0).isBlank() ? rec.get(0)
        : format.idColumn != null ? rec.get(format.idColumn) : null;
    return id == null || id.isBlank() ? "row-" + rec.getRecordNumber() : id;
  }

  private static List<String> models(List<String> header, DataFormat format,
      Map<String, Integer> index, Path file) {
    List<String> models = new ArrayList<>();
    for (String h : header) {
      if (h.endsWith(format.costSuffix) && h.length() > format.costSuffix.length()) {
        String model = h.substring(0, h.length() - format.costSuffix.length());
        requireColumn(index, model, file);
        models.add(model);
      }
    }
    if (models.isEmpty()) {
      throw new IllegalArgumentException(file + " has no cost column ('<model>" + format.costSuffix
          + "'): is it really --format " + format.name().toLowerCase(java.util.Locale.ROOT) + "?");
    }
    return models;
  }

  private static void requireColumn(Map<String, Integer> index, String column, Path file) {
    if (!index.containsKey(column)) {
      throw new IllegalArgumentException(file + " has no column '" + column + "'");
    }
  }

  /** NaN for an empty cell; a number in [0, max] otherwise. */
  private static double cell(CSVRecord rec, String column, Path file, double max) {
    String v = rec.get(column).trim();
    if (v.isEmpty() || v.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " column '"
          + column + "': '" + v + "' is not a number");
    }
    if (!(d >= 0 && d <= max)) {
      throw new IllegalArgumentException(file + " row " + rec.getRecordNumber() + " column '"
          + column + "': " + v + " is outside [0, " + (max == 1.0 ? "1" : "inf") + ")");
    }
    return d;
  }

  private static double[] flatten(List<double[]> rows, int m) {
    double[] out = new double[rows.size() * m];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, out, i * m, m);
    }
    return out;
  }
}
