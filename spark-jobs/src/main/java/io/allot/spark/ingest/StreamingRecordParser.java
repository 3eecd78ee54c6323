package io.allot.spark.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import io.allot.spark.ingest.QueryRecord.SmallModelOutput;
import io.allot.spark.ingest.QueryRecord.TopToken;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fast accept path of query-log validation: one pass of Jackson's streaming parser over a
 * record's bytes (or text), no JSON tree. It returns the {@link QueryRecord} only when every rule
 * of {@link QueryRecordValidator} holds, and null on anything else (a bad or odd field, malformed
 * JSON, a repeated key, a number it would have to round). A null is not a verdict: the caller then
 * runs {@link QueryRecordValidator}, which decides and gives the one-line reason. So the reasons
 * stay the tree validator's, and this class only has to be right about what it accepts
 * (StreamingRecordParserTest compares the two on good and bad records).
 */
final class StreamingRecordParser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** The catalog's small-tier model: the only small_model.model_id a valid record can name. */
  private final String smallTier;
  // Built on first use in each JVM (executors included), not shipped. Jackson's default buffer
  // pool is a thread-local look-up per parser; a shared pool costs less (see RawLogParse).
  private transient JsonFactory json;

  StreamingRecordParser(ModelCatalog catalog) {
    this.smallTier = catalog.smallTierModel().map(ModelSpec::id).orElse(null);
  }

  /** The record in {@code b[off, off + len)} (UTF-8), or null when the tree validator must decide. */
  QueryRecord parse(byte[] b, int off, int len) {
    // Longer records, and bytes Jackson would read as UTF-16/32 or as a byte-order mark, go to the
    // tree validator, which reads the decoded text exactly as before.
    if (smallTier == null || len <= 0 || len > JsonFields.MAX_RECORD_CHARS || oddStart(b, off, len)) {
      return null;
    }
    try (JsonParser p = factory().createParser(b, off, len)) {
      return record(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The record in {@code text}, or null when the tree validator must decide. */
  QueryRecord parse(String text) {
    if (smallTier == null || text == null || text.isEmpty() || text.length() > JsonFields.MAX_RECORD_CHARS) {
      return null;
    }
    try (JsonParser p = factory().createParser(text)) {
      return record(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean oddStart(byte[] b, int off, int len) {
    if ((b[off] & 0xFF) == 0xEF || (b[off] & 0xFF) == 0xFE || (b[off] & 0xFF) == 0xFF) {
      return true;
    }
    for (int i = off; i < off + Math.min(len, 4); i++) {
      if (b[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private JsonFactory factory() {
    if (json == null) {
      // As the tree validator's parser (JsonFields.mapper()), NaN/Infinity tokens are read (and
      // then refused here). A repeated key, which that parser refuses, is found here (Keys) at less
      // cost than Jackson's check. Numbers are read with Jackson's fast double parser: correctly
      // rounded like Double.parseDouble, so the same values.
      json = JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
          .build();
    }
    return json;
  }

  private QueryRecord record(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String tenant = null;
    String task = null;
    String text = null;
    long prompt = -1;
    long output = -1;
    SmallModelOutput small = null;
    double[] embedding = null;
    Instant created = null;
    Keys keys = new Keys();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (!keys.first(name, v)) {
        return null;
      }
      switch (name) {
        case "query_id" -> id = id(p, v);
        case "tenant" -> tenant = id(p, v);
        case "task" -> task = id(p, v);
        case "text" -> text = nonBlank(p, v);
        case "prompt_tokens" -> prompt = count(p, v, 1);
        case "expected_output_tokens" -> output = count(p, v, 0);
        case "small_model" -> {
          if (v != JsonToken.VALUE_NULL) {
            small = smallModel(p, v);
            if (small == null) {
              return null;
            }
          }
        }
        case "embedding" -> {
          if (v != JsonToken.VALUE_NULL) {
            embedding = numbers(p, v, Double.POSITIVE_INFINITY);
            if (embedding == null || embedding.length == 0) {
              return null;
            }
          }
        }
        case "created_at" -> created = instant(p, v);
        default -> p.skipChildren();
      }
      if (id == REJECT || tenant == REJECT || task == REJECT || text == REJECT) {
        return null;
      }
    }
    if (t != JsonToken.END_OBJECT || id == null || tenant == null || task == null || text == null
        || prompt < 0 || output < 0 || created == null) {
      return null;
    }
    return new QueryRecord(id, tenant, task, text, prompt, output, small, embedding, created);
  }

  /** Marks a field the tree validator must judge; compared by identity, so no record's value can be it. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String REJECT = new String("reject");

  /**
   * The keys of one JSON object so far. A key seen before, or an unknown key whose value is an
   * object or an array (its own keys go unchecked when it is skipped), sends the record to the
   * tree validator, which refuses repeated keys at any depth.
   */
  private static final class Keys {
    private int known;
    private Set<String> others;

    private static int bit(String name) {
      return switch (name) {
        case "query_id" -> 0;
        case "tenant" -> 1;
        case "task" -> 2;
        case "text" -> 3;
        case "prompt_tokens" -> 4;
        case "expected_output_tokens" -> 5;
        case "small_model" -> 6;
        case "embedding" -> 7;
        case "created_at" -> 8;
        case "model_id" -> 9;
        case "output" -> 10;
        case "first_token_top_logprobs" -> 11;
        case "token_logprobs" -> 12;
        case "token" -> 13;
        case "logprob" -> 14;
        default -> -1;
      };
    }

    boolean first(String name, JsonToken value) {
      int i = bit(name);
      if (i >= 0) {
        boolean first = (known & (1 << i)) == 0;
        known |= 1 << i;
        return first;
      }
      if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
        return false;
      }
      if (others == null) {
        others = new HashSet<>();
      }
      return others.add(name);
    }
  }

  private static String nonBlank(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      return REJECT;
    }
    String s = p.getText();
    return s.isBlank() ? REJECT : s;
  }

  private static String id(JsonParser p, JsonToken v) throws IOException {
    String s = nonBlank(p, v);
    return s.length() > JsonFields.MAX_ID_CHARS || s.indexOf('\u0000') >= 0 ? REJECT : s;
  }

  /** A token count in [min, JsonFields.MAX_TOKENS], or -1. */
  private static long count(JsonParser p, JsonToken v, long min) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      return -1;
    }
    JsonParser.NumberType nt = p.getNumberType();
    if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
      return -1;
    }
    long n = p.getLongValue();
    return n < min || n > JsonFields.MAX_TOKENS ? -1 : n;
  }

  private static Instant instant(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      return null;
    }
    try {
      Instant at = JsonFields.parseInstant(p.getText().trim());
      return at.isBefore(EARLIEST) || at.isAfter(LATEST) ? null : at;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A finite number <= max, or NaN (never a valid value here). */
  private static double finite(JsonParser p, JsonToken v, double max) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
      return Double.NaN;
    }
    double d = p.getDoubleValue();
    return Double.isInfinite(d) || d > max ? Double.NaN : d;
  }

  /** An array of finite numbers <= max, or null. */
  private static double[] numbers(JsonParser p, JsonToken v, double max) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      return null;
    }
    double[] out = new double[16];
    int n = 0;
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      double d = finite(p, e, max);
      if (Double.isNaN(d)) {
        return null;
      }
      if (n == out.length) {
        out = Arrays.copyOf(out, 2 * n);
      }
      out[n++] = d;
    }
    return Arrays.copyOf(out, n);
  }

  private SmallModelOutput smallModel(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_OBJECT) {
      return null;
    }
    String modelId = null;
    String output = null;
    List<TopToken> top = null;
    double[] tokenLogprobs = null;
    Keys keys = new Keys();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken f = p.nextToken();
      if (!keys.first(name, f)) {
        return null;
      }
      switch (name) {
        case "model_id" -> {
          modelId = nonBlank(p, f);
          if (modelId == REJECT || !smallTier.equals(modelId)) {
            return null;
          }
        }
        case "output" -> {
          if (f == JsonToken.VALUE_STRING) {
            output = p.getText();
          } else if (f != JsonToken.VALUE_NULL) {
            return null;
          }
        }
        case "first_token_top_logprobs" -> {
          top = topTokens(p, f);
          if (top == null) {
            return null;
          }
        }
        case "token_logprobs" -> {
          if (f != JsonToken.VALUE_NULL) {
            tokenLogprobs = numbers(p, f, 0);
            if (tokenLogprobs == null) {
              return null;
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    return modelId == null || top == null ? null : new SmallModelOutput(modelId, output, top, tokenLogprobs);
  }

  /** A non-empty list of {token, logprob}, or null. */
  private static List<TopToken> topTokens(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.START_ARRAY) {
      return null;
    }
    List<TopToken> out = new ArrayList<>(4);
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        return null;
      }
      String token = null;
      double logprob = Double.NaN;
      Keys keys = new Keys();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken f = p.nextToken();
        if (!keys.first(field, f)) {
          return null;
        }
        if (field.equals("token")) {
          if (f != JsonToken.VALUE_STRING) {
            return null;
          }
          token = p.getText();
        } else if (field.equals("logprob")) {
          logprob = finite(p, f, 0);
        } else {
          p.skipChildren();
        }
      }
      if (token == null || Double.isNaN(logprob)) {
        return null;
      }
      out.add(new TopToken(token, logprob));
    }
    return out.isEmpty() ? null : out;
  }
}
