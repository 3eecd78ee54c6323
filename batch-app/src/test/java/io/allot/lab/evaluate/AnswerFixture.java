package io.allot.lab.evaluate;

import java.util.List;
import java.util.Random;

/**
 * Generated multiple-choice rows with answers: each row has a true letter; model j answers it
 * with probability ACCURACY[j], else a random wrong letter, and with probability 0.05 an answer
 * that does not parse ("I do not know"). Model j costs COST[j] on every row.
 */
final class AnswerFixture {
  static final List<String> MODELS = List.of("small", "mid", "other", "big");
  static final double[] ACCURACY = {0.6, 0.75, 0.7, 0.95};
  static final double[] COST = {0.001, 0.004, 0.003, 0.05};
  private static final String LETTERS = "ABCD";

  private AnswerFixture() {}

  static RoutingData make(int n, long seed) {
    Random rnd = new Random(seed);
    int m = MODELS.size();
    String[] ids = new String[n];
    String[] texts = new String[n];
    double[] score = new double[n * m];
    double[] cost = new double[n * m];
    String[] answers = new String[n * m];
    for (int i = 0; i < n; i++) {
      ids[i] = "q" + i;
      texts[i] = "question " + i;
      int truth = rnd.nextInt(4);
      for (int j = 0; j < m; j++) {
        boolean right = rnd.nextDouble() < ACCURACY[j];
        boolean malformed = rnd.nextDouble() < 0.05;
        int letter = right ? truth : (truth + 1 + rnd.nextInt(3)) % 4;
        answers[i * m + j] = malformed ? "I do not know" : String.valueOf(LETTERS.charAt(letter));
        score[i * m + j] = right && !malformed ? 1 : 0;
        cost[i * m + j] = COST[j];
      }
    }
    return new RoutingData("fixture", MODELS, ids, texts, score, cost, 0, answers);
  }

  static int[] all(RoutingData d) {
    int[] rows = new int[d.rows()];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    return rows;
  }
}
