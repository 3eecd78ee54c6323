package io.allot.generate;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.allot.spark.catalog.ModelCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Shared fixtures: the project's default catalog, a fixed run date, and independent parsers. */
final class TestData {
  static final LocalDate DATE = LocalDate.of(2026, 11, 20);
  /** Strict JSON, as a contract-abiding reader sees it. */
  static final ObjectMapper STRICT = new ObjectMapper();
  /** Accepts a bare NaN, to tell a NaN logprob apart from truly malformed lines. */
  static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final Set<String> ARTICLES = Set.of("a", "an", "the");

  private TestData() {
  }

  static ModelCatalog catalog() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("conf/models.yml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("conf/models.yml not found above " + Path.of("").toAbsolutePath());
    }
    return ModelCatalog.load(dir.resolve("conf/models.yml"));
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String line) {
    try {
      return STRICT.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  /** The margin's token normalisation (docs/architecture.md): lower-case; strip punctuation, articles and spaces. */
  static String normalise(String token) {
    String s = token.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    return ARTICLES.contains(s) ? "" : s;
  }

  /** logprob(top-1) minus logprob of the first entry that is not a variant of top-1. */
  static double margin(JsonNode top) {
    String first = normalise(top.get(0).get("token").asText());
    for (int k = 1; k < top.size(); k++) {
      if (!normalise(top.get(k).get("token").asText()).equals(first)) {
        return top.get(0).get("logprob").asDouble() - top.get(k).get("logprob").asDouble();
      }
    }
    throw new AssertionError("every entry is a variant of top-1: " + top);
  }

  /** Mann-Whitney AUC: P(score of a positive > score of a negative), ties half. O(n·m) is fine for test sizes after sorting. */
  static double auc(double[] positives, double[] negatives) {
    double[] neg = negatives.clone();
    java.util.Arrays.sort(neg);
    double wins = 0;
    for (double p : positives) {
      int below = lowerBound(neg, p);
      int notAbove = upperBound(neg, p);
      wins += below + 0.5 * (notAbove - below);
    }
    return wins / ((double) positives.length * negatives.length);
  }

  private static int lowerBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
