package io.allot.agreement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which cascades the nightly solve is offered, per task, from the labelled history only:
 * <ol>
 *   <li>on the train part, every "A and B agree, else C" is replayed and those not dominated by a
 *       single model or a cheaper, better cascade are candidates ({@link PolicyCatalog}, at most
 *       {@link #CANDIDATES});
 *   <li>a candidate is offered only when it wins on the held-out part too: no single model is there
 *       at most as dear and at least as accurate (one strictly); at most {@link #MAX_PER_TASK}
 *       survivors, spread over their costs;
 *   <li>an offered cascade's call rates and quality are then estimated on all of the task's rows,
 *       and per bin of the small model's margin ({@link #binned}).
 * </ol>
 * Costs on the history are the outcomes' realised costs; the {@code free} model (whose answer the
 * log holds for every query) is charged nothing.
 */
public final class CascadeChoice {
  /** Train-part candidates per task that are checked on the held-out part. */
  static final int CANDIDATES = 6;
  /** Offered cascades per task: each becomes a column of the solve for that task's queries. */
  public static final int MAX_PER_TASK = 3;
  /** Bins of the small-model margin over which P(disagree) and quality are estimated per task. */
  static final int MARGIN_BINS = 4;
  /** A task's rows with a margin must fill each bin with at least this many, else one bin. */
  static final int MIN_ROWS_PER_BIN = 50;
  /** Pseudo-rows of the task's figure added to each bin's (shrinkage toward the task). */
  static final double BIN_PSEUDO_ROWS = 20;

  private CascadeChoice() {}

  /**
   * @param minTrainRows a task needs at least this many complete train rows and half as many
   *     held-out rows to be offered any cascade
   */
  public static CascadeOffer choose(HistoryAnswers history, int free, int minTrainRows) {
    List<OfferedCascade> offered = new ArrayList<>();
    List<CascadeDecision> decisions = new ArrayList<>();
    for (String task : new TreeSet<>(List.of(history.tasks()))) {
      HistoryAnswers rows = history.completeRowsOf(task);
      int[] train = rows.part(false);
      int[] held = rows.part(true);
      if (train.length < minTrainRows || held.length < (minTrainRows + 1) / 2) {
        decisions.add(new CascadeDecision(task, null, false, String.format(Locale.ROOT, "none offered: %d train and "
            + "%d held-out history rows with every model's score, cost and answer; need %d and %d", train.length,
            held.length, minTrainRows, (minTrainRows + 1) / 2)));
        continue;
      }
      AnswerFormat format = AnswerFormat.detect(rows);
      String[] parsed = format.parseAll(rows);
      List<PolicyEstimate> candidates = PolicyCatalog.choose(rows, parsed, train, true, false, free, 2, CANDIDATES);
      if (candidates.isEmpty()) {
        decisions.add(new CascadeDecision(task, null, false, "none offered: on the train part every cascade is "
            + "dominated by a single model or another cascade"));
        continue;
      }
      double[] heldAccuracy = new double[rows.modelCount()];
      double[] heldCost = new double[rows.modelCount()];
      for (int i : held) {
        for (int j = 0; j < heldAccuracy.length; j++) {
          heldAccuracy[j] += rows.score(i, j) / held.length;
          heldCost[j] += (j == free ? 0 : rows.cost(i, j)) / held.length;
        }
      }
      List<OfferedCascade> winners = new ArrayList<>();
      for (PolicyEstimate c : candidates) {
        String name = c.policy().name(rows.models());
        PolicyEstimate h = PolicyEstimate.of(c.policy(), rows, parsed, held);
        double hCost = realisedCost(c.policy(), rows, parsed, held, free);
        int beatenBy = -1;
        for (int j = 0; j < heldAccuracy.length && beatenBy < 0; j++) {
          beatenBy = PolicyCatalog.dominates(heldCost[j], heldAccuracy[j], hCost, h.quality()) ? j : -1;
        }
        if (beatenBy >= 0) {
          decisions.add(new CascadeDecision(task, name, false, String.format(Locale.ROOT, "held-out quality %.4f at "
              + "$%.6f per query, but %s alone has %.4f at $%.6f", h.quality(), hCost, rows.models().get(beatenBy),
              heldAccuracy[beatenBy], heldCost[beatenBy])));
          continue;
        }
        AnswerPolicy.Cascade cascade = (AnswerPolicy.Cascade) c.policy();
        PolicyEstimate all = PolicyEstimate.of(cascade, rows, parsed, all(rows.rows()));
        double[] edges = marginEdges(rows);
        double[][] bins = binned(cascade, rows, parsed, edges, all);
        double wrongAgree = wrongAgree(cascade, rows, parsed);
        winners.add(new OfferedCascade(task, name, cascade.first()[0], cascade.first()[1], cascade.escalation(),
            format.name().toLowerCase(Locale.ROOT), all.callRate(), all.quality(), all.rows(), h.quality(), hCost,
            edges, bins[0], bins[1], wrongAgree, bins[2],
            EscalationSlopes.fit(cascade, rows, parsed, edges, wrongAgree)));
      }
      winners.sort(java.util.Comparator.comparingDouble(OfferedCascade::heldOutCostUsd));
      List<OfferedCascade> kept = PolicyCatalog.spread(winners, MAX_PER_TASK);
      for (OfferedCascade w : winners) {
        boolean offer = kept.contains(w);
        decisions.add(new CascadeDecision(task, w.optionId(), offer, String.format(Locale.ROOT, "%sheld-out quality "
            + "%.4f at $%.6f per query, no single model as good for less; P(disagree) %.3f, quality %.4f over %d rows "
            + "(%s answers)", offer ? "" : "more than " + MAX_PER_TASK + " won, spread over their costs; ",
            w.heldOutQuality(), w.heldOutCostUsd(), w.callRate()[w.escalation()], w.quality(), w.rows(), w.format())
            + slopesNote(w.escalationSlopes())));
      }
      offered.addAll(kept);
    }
    return new CascadeOffer(List.copyOf(offered), List.copyOf(decisions), free);
  }

  /** How the per-query P(disagree) follows the estimates, for the decision's reason. */
  private static String slopesNote(EscalationSlopes s) {
    return s.rows() == 0 ? "; P(disagree) per query on the assumed shape (too few history rows scored out of the "
        + "predictor's sample)" : String.format(Locale.ROOT, "; P(disagree) per query: slope %.2f (sd %.2f) on the "
        + "first two models' estimates, %.2f (sd %.2f) on all models' estimates, fitted on %d history rows", s.shape(),
        s.shapeError(), s.difficulty(), s.difficultyError(), s.rows());
  }

  /**
   * Cut points of the task's small-model margins into {@link #MARGIN_BINS} bins of equal counts;
   * none (one bin) when fewer than {@link #MIN_ROWS_PER_BIN} rows per bin have a margin.
   */
  static double[] marginEdges(HistoryAnswers rows) {
    double[] m = java.util.Arrays.stream(rows.margin()).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (m.length < MARGIN_BINS * MIN_ROWS_PER_BIN) {
      return new double[0];
    }
    double[] edges = new double[MARGIN_BINS - 1];
    for (int b = 1; b < MARGIN_BINS; b++) {
      edges[b - 1] = m[b * m.length / MARGIN_BINS - 1];
    }
    return edges;
  }

  /**
   * Per margin bin the cascade's P(disagree) and quality on the rows of that bin, each shrunk toward
   * the task's figure by {@link #BIN_PSEUDO_ROWS} pseudo-rows: (sum + k * task) / (rows + k).
   *
   * @return {disagree per bin, quality per bin, rows per bin}
   */
  static double[][] binned(AnswerPolicy.Cascade cascade, HistoryAnswers rows, String[] parsed, double[] edges,
      PolicyEstimate task) {
    int bins = edges.length + 1;
    double[] n = new double[bins];
    double[] disagree = new double[bins];
    double[] score = new double[bins];
    for (int i = 0; i < rows.rows(); i++) {
      int b = OfferedCascade.bin(edges, rows.margin()[i]);
      if (b < 0) {
        continue;
      }
      AnswerPolicy.Outcome o = cascade.run(rows, parsed, i);
      n[b]++;
      disagree[b] += o.called()[cascade.escalation()] ? 1 : 0;
      score[b] += o.score();
    }
    double pTask = task.callRate()[cascade.escalation()];
    for (int b = 0; b < bins; b++) {
      disagree[b] = (disagree[b] + BIN_PSEUDO_ROWS * pTask) / (n[b] + BIN_PSEUDO_ROWS);
      score[b] = (score[b] + BIN_PSEUDO_ROWS * task.quality()) / (n[b] + BIN_PSEUDO_ROWS);
    }
    return new double[][] {disagree, score, n};
  }

  /**
   * Share of the rows on which the first two models are both wrong (score below 0.5) whose parsed
   * answers still agree; 0 when there are none.
   */
  static double wrongAgree(AnswerPolicy.Cascade cascade, LabelledAnswers rows, String[] parsed) {
    int a = cascade.first()[0];
    int b = cascade.first()[1];
    int bothWrong = 0;
    int agree = 0;
    for (int i = 0; i < rows.rows(); i++) {
      if (rows.score(i, a) < 0.5 && rows.score(i, b) < 0.5) {
        bothWrong++;
        agree += cascade.run(rows, parsed, i).called()[cascade.escalation()] ? 0 : 1;
      }
    }
    return bothWrong == 0 ? 0 : (double) agree / bothWrong;
  }

  /** Mean realised cost of the policy on the rows, the free model not charged. */
  private static double realisedCost(AnswerPolicy policy, LabelledAnswers rows, String[] parsed, int[] part, int free) {
    double c = 0;
    for (int i : part) {
      boolean[] called = policy.run(rows, parsed, i).called();
      for (int j = 0; j < called.length; j++) {
        c += called[j] && j != free ? rows.cost(i, j) : 0;
      }
    }
    return c / Math.max(1, part.length);
  }

  private static int[] all(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
