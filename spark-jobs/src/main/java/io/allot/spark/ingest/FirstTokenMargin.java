package io.allot.spark.ingest;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The two-tier uncertainty signal of Ramirez, Birch and Titov (2024): the margin on the small
 * model's first generated token.
 *
 * <p>margin = logprob(top-1) − logprob(k-th), where k is the most probable listed token that is
 * not a surface variant of top-1. Skipping variants matters: " yes" after "Yes" is the same answer,
 * and counting it would make a confident model look uncertain. It is a log ratio, not p1 − p2.
 *
 * <p>When every listed token is a variant of top-1, the best non-variant is unlisted. Its
 * probability is at most p_bound = min(smallest listed probability, 1 − Σ listed probabilities)
 * (a top-k list holds the k most probable tokens, and all probabilities sum to 1), so the margin
 * returned, lp1 − ln(max(p_bound, 1e-12)), is a lower bound on the true margin.
 */
public final class FirstTokenMargin {
  /** Floor for p_bound: a list whose probabilities already sum to ~1 leaves (almost) nothing unlisted. */
  static final double MIN_UNLISTED_PROB = 1e-12;

  private static final Pattern PUNCT = Pattern.compile("[\\p{P}\\p{S}]");
  private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private FirstTokenMargin() {}

  /** Canonical form used to decide whether two tokens are the same answer. */
  public static String normalise(String token) {
    String words = asciiWords(token);
    return words != null ? words : normaliseByPatterns(token);
  }

  /**
   * {@link #normalise} of a token made of ASCII letters, digits and spaces only (most tokens),
   * without the patterns: its words, lower-cased, articles dropped, joined with no space. Null
   * for any other token.
   */
  static String asciiWords(String token) {
    int n = token.length();
    for (int i = 0; i < n; i++) {
      char c = token.charAt(i);
      if (!(c == ' ' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return null;
      }
    }
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      while (i < n && token.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < n && token.charAt(i) != ' ') {
        i++;
      }
      String word = token.substring(start, i).toLowerCase(Locale.ROOT);
      if (!(word.equals("a") || word.equals("an") || word.equals("the"))) {
        out.append(word);
      }
    }
    return out.toString();
  }

  static String normaliseByPatterns(String token) {
    String s = token.toLowerCase(Locale.ROOT);
    s = PUNCT.matcher(s).replaceAll(" ");
    s = ARTICLES.matcher(s).replaceAll(" ");
    return SPACE.matcher(s).replaceAll("");
  }

  /**
   * @param tokens the listed first-token candidates, any order
   * @param logprobs their log-probabilities, same order, all finite and <= 0
   * @return the margin (>= 0), or null when the list is empty
   */
  public static Double margin(List<String> tokens, List<Double> logprobs) {
    if (tokens.size() != logprobs.size()) {
      throw new IllegalArgumentException("tokens and logprobs differ in length: "
          + tokens.size() + " vs " + logprobs.size());
    }
    return margin(tokens.toArray(String[]::new), logprobs.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** {@link #margin(List, List)} on arrays of the same length. */
  public static Double margin(String[] tokens, double[] logprobs) {
    if (tokens.length == 0) {
      return null;
    }
    Integer[] order = new Integer[tokens.length];
    Arrays.setAll(order, i -> i);
    // Stable sort: among equal logprobs the producer's order decides top-1.
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> logprobs[i]).reversed());
    double lp1 = logprobs[order[0]];
    String top = normalise(tokens[order[0]]);
    for (int r = 1; r < order.length; r++) {
      if (!normalise(tokens[order[r]]).equals(top)) {
        return lp1 - logprobs[order[r]];
      }
    }
    double listed = 0;
    double smallest = 1;
    for (double lp : logprobs) {
      double p = Math.exp(lp);
      listed += p;
      smallest = Math.min(smallest, p);
    }
    double bound = Math.min(smallest, 1 - listed);
    return lp1 - Math.log(Math.max(bound, MIN_UNLISTED_PROB));
  }

  /** Mean of the answer's token log-probabilities; null when there are none. */
  public static Double meanLogprob(double[] tokenLogprobs) {
    if (tokenLogprobs == null || tokenLogprobs.length == 0) {
      return null;
    }
    double sum = 0;
    for (double lp : tokenLogprobs) {
      sum += lp;
    }
    return sum / tokenLogprobs.length;
  }
}
