package io.allot.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.allot.solve.AssignmentProblem;
import io.allot.solve.CascadeColumns;
import io.allot.solve.OptionKinds;
import org.junit.jupiter.api.Test;

/**
 * A nightly cascade option's figures against a brute-force replay written out here: which
 * cascades are offered (train part chosen, held-out part checked), their expected cost and quality
 * per query, and how they enter the solve problem.
 */
class CascadeOptionEstimateTest {
  private static final int SMALL = 0;
  private final HistoryAnswers history = AgreementRows.generate(3, 1200, 3, true);
  private final CascadeOffer offer = CascadeChoice.choose(history, SMALL, 100);

  @Test
  void offersCascadesOnlyWhereTheyWinAndSaysWhy() {
    assertThat(offer.offered()).isNotEmpty().allSatisfy(c -> assertThat(c.task()).isEqualTo("choice"));
    assertThat(offer.offered()).hasSizeLessThanOrEqualTo(CascadeChoice.MAX_PER_TASK);
    assertThat(offer.lines()).anySatisfy(d -> assertThat(d).startsWith("essay: none offered"));
    assertThat(offer.lines()).anySatisfy(d -> assertThat(d).startsWith("choice: offered "));
    assertThat(offer.decisions().stream().filter(CascadeDecision::offered).map(CascadeDecision::optionId))
        .containsExactlyElementsOf(offer.offered().stream().map(OfferedCascade::optionId).toList());
    assertThat(offer.freeModel()).isEqualTo(SMALL);
  }

  @Test
  void expectedCostAndQualityEqualBruteForce() {
    for (OfferedCascade c : offer.offered()) {
      int a = c.first();
      int b = c.second();
      int e = c.escalation();
      // The task's margins, sorted, cut into 4 bins of equal counts (about 900 rows: enough for 4).
      double[] sorted = java.util.stream.IntStream.range(0, history.rows())
          .filter(i -> history.tasks()[i].equals("choice")).mapToDouble(i -> history.margin()[i]).sorted().toArray();
      double[] edges = {sorted[sorted.length / 4 - 1], sorted[2 * sorted.length / 4 - 1],
          sorted[3 * sorted.length / 4 - 1]};
      double score = 0;
      int disagree = 0;
      int rows = 0;
      double[] binRows = new double[4];
      double[] binScore = new double[4];
      double[] binDisagree = new double[4];
      int bothWrong = 0;
      int wrongAgree = 0;
      for (int i = 0; i < history.rows(); i++) {
        if (!history.tasks()[i].equals("choice")) {
          continue;
        }
        rows++;
        String pa = letter(history.answer(i, a));
        String pb = letter(history.answer(i, b));
        boolean agree = pa != null && pa.equals(pb);
        double kept = agree ? history.score(i, a) : history.score(i, e);
        score += kept;
        disagree += agree ? 0 : 1;
        if (history.score(i, a) < 0.5 && history.score(i, b) < 0.5) {
          bothWrong++;
          wrongAgree += agree ? 1 : 0;
        }
        double m = history.margin()[i];
        int bin = m <= edges[0] ? 0 : m <= edges[1] ? 1 : m <= edges[2] ? 2 : 3;
        binRows[bin]++;
        binScore[bin] += kept;
        binDisagree[bin] += agree ? 0 : 1;
      }
      double p = (double) disagree / rows;
      double q = score / rows;
      assertThat(c.rows()).isEqualTo(rows);
      assertThat(c.quality()).as(c.optionId()).isCloseTo(q, within(1e-12));
      assertThat(c.callRate()[e]).isCloseTo(p, within(1e-12));
      assertThat(c.callRate()[a]).isEqualTo(1.0);
      assertThat(c.callRate()[b]).isEqualTo(1.0);
      // Per margin bin, shrunk toward the task by 20 pseudo-rows; harder rows (low margin) disagree more.
      assertThat(c.marginEdges()).containsExactly(edges);
      for (int k = 0; k < 4; k++) {
        assertThat(c.binDisagree()[k]).isCloseTo((binDisagree[k] + 20 * p) / (binRows[k] + 20), within(1e-12));
        assertThat(c.binQuality()[k]).isCloseTo((binScore[k] + 20 * q) / (binRows[k] + 20), within(1e-12));
      }
      assertThat(c.binDisagree()[0]).isGreaterThan(c.binDisagree()[3]);
      assertThat(c.binRows()).containsExactly(binRows);
      // P(agree | both first models wrong): two wrong letters out of four, and some sentences.
      assertThat(bothWrong).isPositive();
      assertThat(c.wrongAgree()).isCloseTo((double) wrongAgree / bothWrong, within(1e-12));

      // In the solve: cost(A) + cost(B) + P(disagree | margin bin) cost(C) at the query's own
      // estimated costs, A free when the log holds its answer; quality the bin's. Query 1 has no
      // small-model block (no margin): the task's figures.
      double[] qc = {0.0003, 0.0021, 0.017};
      AssignmentProblem singles = new AssignmentProblem(new String[] {"q1", "q2", "q3"}, null,
          AgreementRows.MODELS.toArray(String[]::new), new double[] {0.6, 0.7, 0.9, 0.6, 0.7, 0.9, 0.6, 0.7, 0.9},
          new double[] {qc[0], qc[1], qc[2], qc[0], qc[1], qc[2], qc[0], qc[1], qc[2]});
      double lowMargin = edges[0] - 1;
      CascadeColumns.Added added = CascadeColumns.add(singles, new String[] {"choice", "choice", "essay"},
          new boolean[] {true, false, true}, new double[] {lowMargin, Double.NaN, 1.0},
          new CascadeOffer(java.util.List.of(c), java.util.List.of(), SMALL));
      AssignmentProblem wide = added.problem();
      assertThat(wide.optionCount()).isEqualTo(4);
      double p0 = (binDisagree[0] + 20 * p) / (binRows[0] + 20);
      double paid = (a == SMALL ? 0 : qc[a]) + (b == SMALL ? 0 : qc[b]) + p0 * qc[e];
      assertThat(wide.costUsd(0, 3)).isCloseTo(paid, within(1e-15));
      assertThat(wide.costUsd(1, 3)).as("no small answer in the log").isCloseTo(qc[a] + qc[b] + p * qc[e], within(1e-15));
      assertThat(wide.quality(0, 3)).isCloseTo((binScore[0] + 20 * q) / (binRows[0] + 20), within(1e-12));
      assertThat(wide.quality(1, 3)).isCloseTo(q, within(1e-12));
      assertThat(wide.isAllowed(2, 3)).as("not offered for essays").isFalse();
      assertThat(wide.members(3)).containsExactly(a, b, e);
      OptionKinds kinds = added.kinds();
      assertThat(kinds.kind(3)).isEqualTo(OptionKinds.CASCADE);
      assertThat(kinds.kind(0)).isEqualTo(OptionKinds.SINGLE);
      assertThat(new String[] {kinds.role(3, 0), kinds.role(3, 1), kinds.role(3, 2)})
          .containsExactly("first", "second", "escalate");
      assertThat(kinds.memberCost(0, 3, 0) + kinds.memberCost(0, 3, 1) + kinds.memberCost(0, 3, 2))
          .isCloseTo(paid, within(1e-15));
      double cc = qc[e];
      assertThat(kinds.costVariance(0, 3)).isCloseTo(p0 * (1 - p0) * cc * cc, within(1e-18));
    }
  }

  /** The choice format by hand: a leading letter alone or before ")"; a sentence does not parse. */
  private static String letter(String answer) {
    return answer.length() <= 2 && Character.isUpperCase(answer.charAt(0)) ? answer.substring(0, 1) : null;
  }
}
