package io.allot.lab.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The floor that ingest is measured against: one pass of Jackson's streaming parser over every
 * line of JSONL query logs, straight from the file's bytes, into the fields ingest keeps (ids,
 * text, token counts, the small model's output and log-probabilities, the embedding, the parsed
 * instant). No validation rules, no Spark, nothing written. Each file is cut into byte ranges, one
 * per thread; a line belongs to the range its first byte is in.
 */
public final class RawLogParse {
  // Jackson's default buffer pool is a ThreadLocal, whose look-up per parser took a quarter of
  // this parse's time in a profile (JFR); a shared pool does not.
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool()).build();
  private static final int BLOCK = 1 << 20;

  /**
   * @param records non-blank lines read
   * @param unreadable lines that were not a JSON object (ingest rejects them)
   * @param checksum a sum over the parsed values, so no parse can be skipped as dead code
   */
  public record Totals(long records, long unreadable, long checksum) {
    Totals plus(Totals o) {
      return new Totals(records + o.records, unreadable + o.unreadable, checksum + o.checksum);
    }
  }

  /** One parsed record: what ingest writes per valid row, before its derived columns. */
  record Parsed(String queryId, String tenant, String task, String text, long promptTokens,
      long expectedOutputTokens, String smallModelId, String smallOutput, String[] firstTokens,
      double[] firstTokenLogprobs, double[] tokenLogprobs, double[] embedding, Instant createdAt) {}

  private RawLogParse() {}

  /** The JSONL files of a log: the file itself, or a folder's data files in name order. */
  public static List<Path> files(Path log) throws IOException {
    if (Files.isRegularFile(log)) {
      return List.of(log);
    }
    try (Stream<Path> s = Files.list(log)) {
      List<Path> out = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
          .sorted().toList();
      for (Path p : out) {
        String n = p.getFileName().toString();
        if (!(n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson"))) {
          throw new IllegalArgumentException("the raw parse reads uncompressed JSONL only; " + p + " is not");
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException("no JSONL files in " + log);
      }
      return out;
    }
  }

  /** Parses every line of the files with {@code threads} threads (one byte range of each file per thread). */
  public static Totals parse(List<Path> files, int threads) throws Exception {
    List<long[]> ranges = new ArrayList<>(); // {file index, start, end}
    for (int f = 0; f < files.size(); f++) {
      long size = Files.size(files.get(f));
      for (int t = 0; t < threads; t++) {
        long start = size * t / threads;
        long end = size * (t + 1) / threads;
        if (end > start) {
          ranges.add(new long[] {f, start, end});
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Totals>> parts = new ArrayList<>();
      for (long[] r : ranges) {
        parts.add(pool.submit(() -> parseRange(files.get((int) r[0]), r[1], r[2])));
      }
      Totals sum = new Totals(0, 0, 0);
      for (Future<Totals> f : parts) {
        sum = sum.plus(f.get());
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The lines whose first byte lies in [start, end). */
  static Totals parseRange(Path file, long start, long end) throws IOException {
    long[] totals = new long[3];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      // From start - 1: if that byte ends a line, the line at start is this range's first.
      long readPos = start > 0 ? start - 1 : 0;
      ch.position(readPos);
      boolean skipping = start > 0; // the line under way at start - 1 belongs to the range before
      long lineStart = readPos;
      byte[] buf = new byte[BLOCK];
      byte[] carry = new byte[1 << 16];
      int carryLen = 0;
      ByteBuffer bb = ByteBuffer.wrap(buf);
      while (true) {
        bb.clear();
        int n = ch.read(bb);
        if (n <= 0) {
          break;
        }
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] != '\n') {
            continue;
          }
          if (skipping) {
            skipping = false;
          } else if (carryLen > 0) {
            carry = append(carry, carryLen, buf, from, i - from);
            line(carry, 0, carryLen + i - from, totals);
            carryLen = 0;
          } else {
            line(buf, from, i - from, totals);
          }
          from = i + 1;
          lineStart = readPos + from;
          if (lineStart >= end) {
            return new Totals(totals[0], totals[1], totals[2]);
          }
        }
        if (!skipping) {
          carry = append(carry, carryLen, buf, from, n - from);
          carryLen += n - from;
        }
        readPos += n;
      }
      if (!skipping && carryLen > 0 && lineStart < end) {
        line(carry, 0, carryLen, totals);
      }
    }
    return new Totals(totals[0], totals[1], totals[2]);
  }

  private static byte[] append(byte[] carry, int carryLen, byte[] src, int off, int len) {
    byte[] out = carry.length >= carryLen + len ? carry : Arrays.copyOf(carry, Math.max(2 * carry.length, carryLen + len));
    System.arraycopy(src, off, out, carryLen, len);
    return out;
  }

  private static void line(byte[] b, int off, int len, long[] totals) {
    int end = off + len;
    while (end > off && (b[end - 1] == '\r' || b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    int first = isBomAt(b, off, end) ? off + 3 : off;
    while (first < end && (b[first] == ' ' || b[first] == '\t')) {
      first++;
    }
    if (first == end) {
      return; // a blank line holds no record
    }
    totals[0]++;
    try (JsonParser p = JSON.createParser(b, first, end - first)) {
      Parsed r = record(p);
      if (r == null) {
        totals[1]++;
      } else {
        totals[2] += (r.queryId() == null ? 0 : r.queryId().length()) + r.promptTokens()
            + (r.createdAt() == null ? 0 : r.createdAt().getEpochSecond())
            + (r.embedding() == null ? 0 : r.embedding().length);
      }
    } catch (IOException | RuntimeException e) {
      totals[1]++;
    }
  }

  private static boolean isBomAt(byte[] b, int i, int end) {
    return i + 2 < end && b[i] == (byte) 0xEF && b[i + 1] == (byte) 0xBB && b[i + 2] == (byte) 0xBF;
  }

  /** The record's fields, or null when the line is not a JSON object. */
  static Parsed record(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String id = null;
    String tenant = null;
    String task = null;
    String text = null;
    long prompt = 0;
    long output = 0;
    String[] small = null;
    double[][] smallNumbers = null;
    String[] smallTokens = null;
    double[] embedding = null;
    Instant created = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "query_id" -> id = p.getValueAsString();
        case "tenant" -> tenant = p.getValueAsString();
        case "task" -> task = p.getValueAsString();
        case "text" -> text = p.getValueAsString();
        case "prompt_tokens" -> prompt = p.getValueAsLong();
        case "expected_output_tokens" -> output = p.getValueAsLong();
        case "embedding" -> embedding = numbers(p);
        case "created_at" -> created = Instant.parse(p.getValueAsString());
        case "small_model" -> {
          small = new String[2];
          smallNumbers = new double[2][];
          smallTokens = smallModel(p, small, smallNumbers);
        }
        default -> p.skipChildren();
      }
    }
    return new Parsed(id, tenant, task, text, prompt, output, small == null ? null : small[0],
        small == null ? null : small[1], smallTokens, smallNumbers == null ? null : smallNumbers[0],
        smallNumbers == null ? null : smallNumbers[1], embedding, created);
  }

  /** Fills ids {model_id, output} and numbers {first-token logprobs, token logprobs}; returns the first tokens. */
  private static String[] smallModel(JsonParser p, String[] ids, double[][] numbers) throws IOException {
    List<String> tokens = new ArrayList<>(4);
    double[] logprobs = new double[8];
    if (p.currentToken() != JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      switch (name) {
        case "model_id" -> ids[0] = p.getValueAsString();
        case "output" -> ids[1] = p.getValueAsString();
        case "token_logprobs" -> numbers[1] = numbers(p);
        case "first_token_top_logprobs" -> {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String token = null;
            double logprob = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String field = p.currentName();
              p.nextToken();
              if (field.equals("token")) {
                token = p.getValueAsString();
              } else if (field.equals("logprob")) {
                logprob = p.getValueAsDouble();
              } else {
                p.skipChildren();
              }
            }
            if (tokens.size() == logprobs.length) {
              logprobs = Arrays.copyOf(logprobs, 2 * logprobs.length);
            }
            logprobs[tokens.size()] = logprob;
            tokens.add(token);
          }
        }
        default -> p.skipChildren();
      }
    }
    numbers[0] = Arrays.copyOf(logprobs, tokens.size());
    return tokens.toArray(String[]::new);
  }

  private static double[] numbers(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      p.skipChildren();
      return null;
    }
    double[] out = new double[16];
    int n = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (n == out.length) {
        out = Arrays.copyOf(out, 2 * n);
      }
      out[n++] = p.getValueAsDouble();
    }
    return Arrays.copyOf(out, n);
  }
}
