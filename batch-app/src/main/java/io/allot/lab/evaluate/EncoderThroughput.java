package io.allot.lab.evaluate;

import io.allot.spark.encode.MiniLmEncoder;
import io.allot.spark.predict.LocalTfIdf;
import io.allot.spark.predict.PredictorSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (bench/encoder.sh): queries per second on one core of the all-MiniLM-L6-v2 encoder
 * (uncached, batched as in the Spark job) beside the predictor's TF-IDF featurisation (fit and
 * transform, {@link LocalTfIdf}) of the same texts, in the same JVM, alternating run by run.
 *
 * <p>Arguments: FILE FORMAT [RUNS]. Prints one line per run and the medians.
 */
public final class EncoderThroughput {
  private EncoderThroughput() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: EncoderThroughput FILE routerbench|optllm [RUNS]");
      System.exit(2);
    }
    RoutingData data;
    int runs;
    try {
      data = RoutingCsvReader.read(Path.of(args[0]), DataFormat.parse(args[1]));
      runs = args.length > 2 ? runs(args[2]) : 5;
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    List<String> texts = Arrays.asList(data.texts());
    MiniLmEncoder encoder = MiniLmEncoder.shared();
    long tokens = texts.stream().mapToLong(t -> Math.min(MiniLmEncoder.WINDOW, encoder.tokenCount(t))).sum();
    // Untimed passes: class loading, JIT and ONNX Runtime's first-run allocations. TF-IDF is cheap
    // enough to warm up on all texts several times; without that its first timed runs are still
    // interpreted code and its median moves by a factor of several between runs.
    encoder.encodeUncached(texts.subList(0, Math.min(64, texts.size())));
    for (int w = 0; w < 5; w++) {
      tfidf(data.texts());
    }
    double[] enc = new double[runs];
    double[] tfidf = new double[runs];
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      tfidf(data.texts());
      tfidf[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      encoder.encodeUncached(texts);
      enc[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "run %d: encoder %.1f queries/s, TF-IDF %.0f queries/s%n", r + 1, enc[r], tfidf[r]);
    }
    System.out.printf(Locale.ROOT, "%s: %d queries, mean %.1f tokens in the encoder's window; one thread; median of %d runs:"
        + " encoder %.1f queries/s per core, TF-IDF (fit + transform) %.0f queries/s per core%n", args[0], texts.size(),
        tokens / (double) texts.size(), runs, median(enc), median(tfidf));
  }

  private static int runs(String s) {
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("RUNS is '" + s + "'; expected a positive whole number");
  }

  /** The predictor's featurisation of the texts: fit, then transform each. */
  private static void tfidf(String[] texts) {
    LocalTfIdf f = LocalTfIdf.fit(texts, PredictorSettings.defaults());
    for (String t : texts) {
      f.transform(t);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
