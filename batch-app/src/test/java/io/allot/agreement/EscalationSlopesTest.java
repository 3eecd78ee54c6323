package io.allot.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The slopes' fit on its own: rows whose disagreements are drawn from a known logistic model of the
 * two features; the fit recovers its slopes with many rows and stays near the assumed shape with
 * few, with a larger posterior sd.
 */
class EscalationSlopesTest {
  private static final List<String> MODELS = List.of("a", "b", "c");
  private static final double WRONG_AGREE = 0.2;
  private static final AnswerPolicy.Cascade CASCADE = new AnswerPolicy.Cascade(new int[] {0, 1}, 2);

  @Test
  void recoversTheSlopesOfAKnownModel() {
    EscalationSlopes s = fitted(6000, 0.5, -1.0, 7);
    assertThat(s.rows()).isEqualTo(6000);
    assertThat(s.shape()).isCloseTo(0.5, within(3 * s.shapeError()));
    assertThat(s.difficulty()).isCloseTo(-1.0, within(3 * s.difficultyError()));
    assertThat(s.shapeError()).isLessThan(0.2);
  }

  @Test
  void fewRowsStayNearTheAssumedShapeWithALargerError() {
    EscalationSlopes many = fitted(6000, 0.5, -1.0, 7);
    EscalationSlopes few = fitted(15, 0.5, -1.0, 7);
    assertThat(few.rows()).isEqualTo(15);
    assertThat(few.shapeError()).isGreaterThan(3 * many.shapeError());
    assertThat(Math.abs(few.shape() - 1)).isLessThan(1.5);
    assertThat(fitted(9, 0.5, -1.0, 7)).isEqualTo(EscalationSlopes.ASSUMED);
  }

  /** n rows; P(disagree) = sigmoid(-0.5 + shape logit(d0) + difficulty h), estimates drawn uniformly. */
  private static EscalationSlopes fitted(int n, double shape, double difficulty, long seed) {
    Random r = new Random(seed);
    int m = MODELS.size();
    String[] tasks = new String[n];
    double[] score = new double[n * m];
    double[] cost = new double[n * m];
    String[] answers = new String[n * m];
    double[] estimate = new double[n * m];
    boolean[] unseen = new boolean[n];
    double[] margin = new double[n];
    Arrays.fill(tasks, "choice");
    Arrays.fill(score, 1);
    Arrays.fill(cost, 0.001);
    Arrays.fill(unseen, true);
    Arrays.fill(margin, Double.NaN);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        estimate[i * m + j] = 0.05 + 0.9 * r.nextDouble();
      }
      int row = i;
      double logit = -0.5 + shape * QueryDisagreement.baseLogit(estimate[i * m], estimate[i * m + 1], WRONG_AGREE)
          + difficulty * EscalationSlopes.difficultyIndex(j -> estimate[row * m + j], m);
      boolean disagree = r.nextDouble() < QueryDisagreement.sigmoid(logit);
      answers[i * m] = "A";
      answers[i * m + 1] = disagree ? "B" : "A";
      answers[i * m + 2] = "A";
    }
    HistoryAnswers rows = new HistoryAnswers(MODELS, tasks, new boolean[n], score, cost, answers, margin, estimate,
        unseen);
    return EscalationSlopes.fit(CASCADE, rows, AnswerFormat.CHOICE.parseAll(rows), new double[0], WRONG_AGREE);
  }
}
