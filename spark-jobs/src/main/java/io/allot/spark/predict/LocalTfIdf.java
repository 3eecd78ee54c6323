package io.allot.spark.predict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.spark.ml.feature.HashingTF;

/**
 * The predictor's text features ({@link QueryFeatures}: lower-cased words split on \W+, their
 * bigrams, hashed term counts, IDF weights) computed in plain Java on the driver, without a
 * SparkSession. It uses MLlib's own term hash ({@link HashingTF#indexOf}) and IDF formula
 * (log((m + 1) / (df + 1)), 0 below the minimum document frequency), so a query gets the same
 * vector as in the Spark pipeline. Meant for evaluation-sized data (thousands of rows).
 */
public final class LocalTfIdf {
  private static final Pattern SPLIT = Pattern.compile("\\W+");
  private final HashingTF hashing;
  private final double[] idf;

  private LocalTfIdf(HashingTF hashing, double[] idf) {
    this.hashing = hashing;
    this.idf = idf;
  }

  /** Fits the IDF weights on the training texts. */
  public static LocalTfIdf fit(String[] texts, PredictorSettings settings) {
    HashingTF hashing = new HashingTF().setNumFeatures(settings.hashFeatures());
    int[] df = new int[settings.hashFeatures()];
    for (String t : texts) {
      for (int index : counts(hashing, t).keySet()) {
        df[index]++;
      }
    }
    double[] idf = new double[df.length];
    for (int k = 0; k < df.length; k++) {
      idf[k] = df[k] >= settings.minDocFreq() ? Math.log((texts.length + 1.0) / (df[k] + 1.0)) : 0;
    }
    return new LocalTfIdf(hashing, idf);
  }

  /** The TF-IDF vector of a text, as sorted (index, value) pairs without zeros. */
  public Sparse transform(String text) {
    TreeMap<Integer, Integer> tf = counts(hashing, text);
    int[] idx = new int[tf.size()];
    double[] val = new double[tf.size()];
    int n = 0;
    for (var e : tf.entrySet()) {
      double v = e.getValue() * idf[e.getKey()];
      if (v != 0) {
        idx[n] = e.getKey();
        val[n++] = v;
      }
    }
    return new Sparse(Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
  }

  public int size() {
    return idf.length;
  }

  /** RegexTokenizer("\\W+", lower case) then NGram(2), as in {@link QueryFeatures}. */
  static List<String> terms(String text) {
    List<String> words = new ArrayList<>();
    for (String w : SPLIT.split((text == null ? "" : text).toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    List<String> terms = new ArrayList<>(words);
    for (int i = 0; i + 1 < words.size(); i++) {
      terms.add(words.get(i) + " " + words.get(i + 1));
    }
    return terms;
  }

  private static TreeMap<Integer, Integer> counts(HashingTF hashing, String text) {
    TreeMap<Integer, Integer> tf = new TreeMap<>();
    for (String term : terms(text)) {
      tf.merge(hashing.indexOf(term), 1, Integer::sum);
    }
    return tf;
  }

  /** A sparse vector: ascending indices and their non-zero values. */
  public record Sparse(int[] indices, double[] values) {
    public double dot(Sparse o) {
      double sum = 0;
      int x = 0;
      int y = 0;
      while (x < indices.length && y < o.indices.length) {
        if (indices[x] == o.indices[y]) {
          sum += values[x++] * o.values[y++];
        } else if (indices[x] < o.indices[y]) {
          x++;
        } else {
          y++;
        }
      }
      return sum;
    }

    /** This vector scaled to unit length (unchanged when it is all zero). */
    public Sparse unit() {
      double norm = Math.sqrt(dot(this));
      if (norm == 0) {
        return this;
      }
      double[] v = values.clone();
      for (int i = 0; i < v.length; i++) {
        v[i] /= norm;
      }
      return new Sparse(indices, v);
    }
  }
}
