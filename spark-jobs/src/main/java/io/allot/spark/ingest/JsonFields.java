package io.allot.spark.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Field readers shared by the query-log and outcome validators. Each either returns the value or
 * throws a {@link FieldException} whose reason names the field and quotes the bad value.
 */
public final class JsonFields {
  private static final int MAX_QUOTED = 80;
  /** Longest query_id, tenant, task or model_id. */
  public static final int MAX_ID_CHARS = 256;
  /** Largest prompt_tokens / expected_output_tokens: 1e8 per query keeps a night's sums far from overflow. */
  public static final long MAX_TOKENS = 100_000_000L;
  /**
   * Longest record (one line) that is parsed: a JSON tree costs several times its text, and an
   * out-of-memory error inside a local Spark task ends the whole JVM.
   */
  public static final int MAX_RECORD_CHARS = 1_000_000;
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private JsonFields() {}

  /**
   * NaN and Infinity are accepted by the parser on purpose: a record carrying them should be
   * rejected as "logprob is NaN", which tells the producer what to fix, not as "malformed JSON".
   * Duplicate keys are refused because it is unclear which value the producer meant.
   */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
  }

  /** Parses a whole record; the reason of a failure is one line with the column. */
  static JsonNode parseObject(ObjectMapper mapper, String text) {
    if (text.length() > MAX_RECORD_CHARS) {
      throw new FieldException(null, "the record is " + text.length() + " characters long; must be at most "
          + MAX_RECORD_CHARS + " (a longer line is not read)");
    }
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (at column " + e.getLocation().getColumnNr() + ")";
      String msg = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new FieldException(null, "malformed JSON: " + msg + where);
    }
    if (node == null || node.isMissingNode()) {
      throw new FieldException(null, "malformed JSON: the record is empty");
    }
    if (!node.isObject()) {
      throw new FieldException(null, "the record is a JSON " + node.getNodeType().name().toLowerCase()
          + ", not an object");
    }
    return node;
  }

  static boolean absent(JsonNode v) {
    return v == null || v.isNull() || v.isMissingNode();
  }

  static String requiredString(JsonNode obj, String name, String path) {
    JsonNode v = obj.get(name);
    if (absent(v)) {
      throw new FieldException(path, path + " is missing; must be a non-empty string");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new FieldException(path, path + " is " + describe(v) + "; must be a non-empty string");
    }
    return v.asText();
  }

  /**
   * An identifier that PostgreSQL stores and indexes: no NUL (text cannot hold it, so publish
   * would fail on every attempt) and at most {@link #MAX_ID_CHARS} characters (a b-tree entry
   * holds about 2.7 KB).
   */
  static String requiredId(JsonNode obj, String name, String path) {
    String s = requiredString(obj, name, path);
    int nul = s.indexOf('\u0000');
    if (nul >= 0) {
      throw new FieldException(path, path + " contains a NUL character (U+0000) at position " + nul
          + "; PostgreSQL text cannot hold it");
    }
    if (s.length() > MAX_ID_CHARS) {
      throw new FieldException(path, path + " is " + s.length() + " characters long; must be at most " + MAX_ID_CHARS);
    }
    return s;
  }

  static String optionalString(JsonNode obj, String name, String path) {
    JsonNode v = obj.get(name);
    if (absent(v)) {
      return null;
    }
    if (!v.isTextual()) {
      throw new FieldException(path, path + " is " + describe(v) + "; must be a string");
    }
    return v.asText();
  }

  static long requiredLong(JsonNode obj, String name, String path, long min) {
    return requiredLong(obj, name, path, min, Long.MAX_VALUE);
  }

  /** An integer in [min, max]; max keeps sums over a night (costs, token capacities) from overflowing. */
  static long requiredLong(JsonNode obj, String name, String path, long min, long max) {
    JsonNode v = obj.get(name);
    String rule = "must be an integer >= " + min;
    if (absent(v)) {
      throw new FieldException(path, path + " is missing; " + rule);
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min) {
      throw new FieldException(path, path + " is " + describe(v) + "; " + rule);
    }
    if (v.asLong() > max) {
      throw new FieldException(path, path + " is " + describe(v) + "; must be at most " + max);
    }
    return v.asLong();
  }

  /** A finite number in [min, max]; the rule text is part of every rejection. */
  static double finite(JsonNode v, String path, double min, double max, String rule) {
    if (absent(v)) {
      throw new FieldException(path, path + " is missing; " + rule);
    }
    double d;
    if (v.isNumber()) {
      d = v.asDouble();
    } else if (v.isTextual() && isNonNumericToken(v.asText())) {
      // Spark's to_json writes NaN/Infinity as strings; report them as the numbers they stand for.
      d = nonNumeric(v.asText());
    } else {
      throw new FieldException(path, path + " is " + describe(v) + "; " + rule);
    }
    if (Double.isNaN(d) || Double.isInfinite(d) || d < min || d > max) {
      throw new FieldException(path, path + " is " + describe(d) + "; " + rule);
    }
    return d;
  }

  /** An array of finite numbers <= max (or null when absent). */
  static double[] optionalNumbers(JsonNode obj, String name, String path, double max, boolean nonEmpty) {
    JsonNode v = obj.get(name);
    if (absent(v)) {
      return null;
    }
    String rule = "must be a finite number" + (max == 0 ? " <= 0" : "");
    String arrayRule = "must be " + (nonEmpty ? "a non-empty" : "an") + " array of finite numbers"
        + (max == 0 ? " <= 0" : "");
    if (!v.isArray() || (nonEmpty && v.isEmpty())) {
      throw new FieldException(path, path + " is " + describe(v) + "; " + arrayRule);
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = finite(v.get(i), path + "[" + i + "]", Double.NEGATIVE_INFINITY, max, rule);
    }
    return out;
  }

  static Instant requiredInstant(JsonNode obj, String name, String path) {
    JsonNode v = obj.get(name);
    String rule = "must be an ISO-8601 instant such as 2026-11-20T23:59:00Z";
    if (absent(v)) {
      throw new FieldException(path, path + " is missing; " + rule);
    }
    if (!v.isTextual()) {
      throw new FieldException(path, path + " is " + describe(v) + "; " + rule);
    }
    Instant at;
    try {
      // Since Java 12 this also accepts offsets such as +01:00 and converts them to UTC.
      at = parseInstant(v.asText().trim());
    } catch (DateTimeParseException e) {
      throw new FieldException(path, path + " is " + describe(v) + "; " + rule);
    }
    // Instant goes to year 1e9; Spark's microsecond timestamps overflow a long past year ~294,000
    // and fail the whole job, so anything outside four-digit years is one record's problem.
    if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
      throw new FieldException(path, path + " is " + describe(v) + "; must be between " + EARLIEST + " and " + LATEST);
    }
    return at;
  }

  /**
   * {@link Instant#parse}, with the common form {@code yyyy-MM-ddTHH:mm:ssZ} read without the
   * general parser (a tenth of its time); anything else, or an out-of-range field, goes to
   * {@link Instant#parse} as before.
   */
  static Instant parseInstant(String s) {
    if (s.length() == 20 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
        && s.charAt(16) == ':' && s.charAt(19) == 'Z') {
      int y = digits(s, 0, 4);
      int mo = digits(s, 5, 2);
      int d = digits(s, 8, 2);
      int h = digits(s, 11, 2);
      int mi = digits(s, 14, 2);
      int sec = digits(s, 17, 2);
      if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= java.time.YearMonth.of(y, mo).lengthOfMonth()
          && h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec <= 59) {
        return Instant.ofEpochSecond(java.time.LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600L + mi * 60L + sec);
      }
    }
    return Instant.parse(s);
  }

  /** The number in s[from, from + n) when it is all ASCII digits, else -1. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isNonNumericToken(String s) {
    return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity") || s.equals("+Infinity");
  }

  private static double nonNumeric(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "-Infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.POSITIVE_INFINITY;
    };
  }

  static String describe(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(d);
  }

  /** The value as the producer wrote it, quoted and shortened so a reason stays one line. */
  public static String describe(JsonNode v) {
    if (v.isNumber() && (v.isDouble() || v.isFloat()) && !Double.isFinite(v.asDouble())) {
      return describe(v.asDouble());
    }
    String s = v.toString();
    if (s.length() > MAX_QUOTED) {
      s = s.substring(0, MAX_QUOTED) + "...";
    }
    String kind = switch (v.getNodeType()) {
      case STRING -> " (a string)";
      case ARRAY -> " (an array)";
      case OBJECT -> " (an object)";
      case BOOLEAN -> " (a boolean)";
      default -> "";
    };
    return s + kind;
  }

  static String quote(String s) {
    String t = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "..." : s;
    return "'" + t + "'";
  }
}
