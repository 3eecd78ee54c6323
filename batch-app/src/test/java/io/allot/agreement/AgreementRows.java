package io.allot.agreement;

import java.util.List;
import java.util.Random;

/**
 * Seeded labelled rows for cascade tests: a free small model, a mid model and a dear big one, with
 * correlated correctness (a shared difficulty per row). Task "choice": answers are letters, right
 * models agree, wrong ones pick one of four wrong letters (and sometimes an unparsable sentence).
 * Task "essay": every answer is worded differently, so no two agree. The small model's margin falls
 * with the row's difficulty (from a stream of its own, so the other draws do not depend on it).
 */
final class AgreementRows {
  static final List<String> MODELS = List.of("small", "mid", "big");
  static final double[] COST = {0.0002, 0.001, 0.01};
  private static final double[] SKILL = {0.6, 0.9, 1.6};

  private AgreementRows() {}

  /** @param heldOutEvery every k-th row is held out (0: none) */
  static HistoryAnswers generate(long seed, int n, int heldOutEvery, boolean withEssays) {
    return generate(seed, n, heldOutEvery, withEssays, null);
  }

  /** Model j's P(right) on a row of this difficulty: P(0.7 d + 0.7 noise < skill_j). */
  static double pRight(int j, double difficulty) {
    return normalCdf((SKILL[j] - 0.7 * difficulty) / 0.7);
  }

  /**
   * Model j's P(right) on a row whose difficulty is only known to be normal with this mean and
   * variance: P(0.7 d + 0.7 noise < skill_j) over both.
   */
  static double pRight(int j, double mean, double variance) {
    return normalCdf((SKILL[j] - 0.7 * mean) / (0.7 * Math.sqrt(1 + variance)));
  }

  /** @param fixed per row its difficulty (the same queries played again), or null: drawn */
  static HistoryAnswers generate(long seed, int n, int heldOutEvery, boolean withEssays, double[] fixed) {
    Random r = new Random(seed);
    Random marginNoise = new Random(seed * 31 + 7);
    double[] margin = new double[n];
    int m = MODELS.size();
    String[] tasks = new String[n];
    boolean[] held = new boolean[n];
    double[] score = new double[n * m];
    double[] cost = new double[n * m];
    String[] answers = new String[n * m];
    for (int i = 0; i < n; i++) {
      tasks[i] = withEssays && i % 4 == 3 ? "essay" : "choice";
      held[i] = heldOutEvery > 0 && i % heldOutEvery == 0;
      double drawn = r.nextGaussian();
      double difficulty = fixed == null ? drawn : fixed[i];
      margin[i] = 1.0 - 0.8 * difficulty + 0.4 * marginNoise.nextGaussian();
      char right = (char) ('A' + r.nextInt(5));
      for (int j = 0; j < m; j++) {
        boolean correct = 0.7 * difficulty + 0.7 * r.nextGaussian() < SKILL[j];
        score[i * m + j] = correct ? 1 : 0;
        cost[i * m + j] = COST[j];
        String a;
        if (tasks[i].equals("essay")) {
          a = "essay " + j + " " + r.nextInt(1_000_000);
        } else if (correct) {
          a = right + ")";
        } else if (r.nextDouble() < 0.1) {
          a = "I cannot tell";
        } else {
          a = String.valueOf((char) ('A' + (right - 'A' + 1 + r.nextInt(4)) % 5));
        }
        answers[i * m + j] = a;
      }
    }
    return new HistoryAnswers(MODELS, tasks, held, score, cost, answers, margin);
  }

  /** Standard normal CDF (Abramowitz and Stegun 26.2.17, error below 1e-7). */
  private static double normalCdf(double x) {
    double t = 1 / (1 + 0.2316419 * Math.abs(x));
    double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    double tail = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * poly;
    return x >= 0 ? 1 - tail : tail;
  }
}
