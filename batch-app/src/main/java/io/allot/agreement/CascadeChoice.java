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
 *   <li>an offered cascade's call rates and quality are then estimated on all of the task's rows.
 * </ol>
 * Costs on the history are the outcomes' realised costs; the {@code free} model (whose answer the
 * log holds for every query) is charged nothing.
 */
public final class CascadeChoice {
  /** Train-part candidates per task that are checked on the held-out part. */
  static final int CANDIDATES = 6;
  /** Offered cascades per task: each becomes a column of the solve for that task's queries. */
  public static final int MAX_PER_TASK = 3;

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
        winners.add(new OfferedCascade(task, name, cascade.first()[0], cascade.first()[1], cascade.escalation(),
            format.name().toLowerCase(Locale.ROOT), all.callRate(), all.quality(), all.rows(), h.quality(), hCost));
      }
      winners.sort(java.util.Comparator.comparingDouble(OfferedCascade::heldOutCostUsd));
      List<OfferedCascade> kept = PolicyCatalog.spread(winners, MAX_PER_TASK);
      for (OfferedCascade w : winners) {
        boolean offer = kept.contains(w);
        decisions.add(new CascadeDecision(task, w.optionId(), offer, String.format(Locale.ROOT, "%sheld-out quality "
            + "%.4f at $%.6f per query, no single model as good for less; P(disagree) %.3f, quality %.4f over %d rows "
            + "(%s answers)", offer ? "" : "more than " + MAX_PER_TASK + " won, spread over their costs; ",
            w.heldOutQuality(), w.heldOutCostUsd(), w.callRate()[w.escalation()], w.quality(), w.rows(), w.format())));
      }
      offered.addAll(kept);
    }
    return new CascadeOffer(List.copyOf(offered), List.copyOf(decisions), free);
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
