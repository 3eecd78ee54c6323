package io.allot.cascade;

import io.allot.solve.AssignmentProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sets one night's two-tier cascade under a dollar budget B, per tenant and task.
 *
 * <p>The rule, in the paper's terms (the small model always runs first, because its first-token
 * margin is the signal):
 * <ol>
 *   <li>C_small = every query's small-model cost. B &lt; C_small is an error.</li>
 *   <li>R = the escalation cost of the queries without a margin, when they escalate
 *       (allot.cascade.without-margin=escalate). B &lt; C_small + R is an error.</li>
 *   <li>L = the escalation cost of the queries with a margin; p = min((B − C_small − R)/L, 1).
 *       This is the paper's p = min((b − c_small)/c_large, 1) with b, c_small, c_large the night's
 *       per-query means.</li>
 *   <li>Each group's share of the budget is its C_small + R + p·L; within it the threshold is the
 *       cost-weighted p-quantile of the group's own margins ({@link EscalationThreshold}), so each
 *       group escalates its least certain queries and the night never exceeds B.</li>
 * </ol>
 */
public final class CascadePlanner {
  private final CascadeSettings settings;

  public CascadePlanner(CascadeSettings settings) {
    this.settings = settings;
  }

  /** @param calibrator calibrated small-model correctness, or null to use the score step's estimate */
  public CascadePlan plan(CascadeNight night, double budgetUsd, SmallModelCalibrator calibrator) {
    AssignmentProblem p = night.problem();
    int n = night.size();
    int s = night.smallOption();
    if (!(budgetUsd >= 0) || Double.isInfinite(budgetUsd)) {
      throw new IllegalArgumentException("budget must be a finite amount >= 0 USD, got " + budgetUsd);
    }
    Map<String, List<Integer>> groups = groups(night);
    int[] option = new int[n];
    double smallCost = 0;
    double reserved = 0;
    double escalatable = 0;
    long withoutMargin = 0;
    for (List<Integer> rows : groups.values()) {
      int esc = escalationOption(p, s, rows);
      for (int i : rows) {
        option[i] = esc;
        smallCost += p.costUsd(i, s);
        if (!night.hasMargin(i)) {
          withoutMargin++;
          reserved += settings.escalateWithoutMargin() ? p.costUsd(i, esc) : 0;
        } else {
          escalatable += p.costUsd(i, esc);
        }
      }
    }
    String smallId = p.optionId(s);
    if (budgetUsd < smallCost * (1 - 1e-12)) {
      throw new CascadeBudgetException(String.format(Locale.ROOT, "budget $%.4f is below $%.4f, the cost of"
          + " answering all %d queries with the small model %s, which the two-tier cascade always runs first;"
          + " raise the budget (--budget or allot.budget-usd) to at least that", budgetUsd, smallCost, n, smallId));
    }
    if (budgetUsd < (smallCost + reserved) * (1 - 1e-12)) {
      throw new CascadeBudgetException(String.format(Locale.ROOT, "budget $%.4f is below $%.4f, the small model"
          + " on all %d queries plus escalating the %d without logprobs (allot.cascade.without-margin=escalate);"
          + " raise the budget or set allot.cascade.without-margin=small", budgetUsd, smallCost + reserved, n,
          withoutMargin));
    }
    double fraction = escalatable > 0 ? Math.min((budgetUsd - smallCost - reserved) / escalatable, 1) : 1;
    fraction = Math.max(0, fraction);

    boolean[] escalate = new boolean[n];
    List<GroupPolicy> out = new ArrayList<>();
    double totalCost = 0;
    double totalQuality = 0;
    for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
      GroupPolicy gp = planGroup(night, g.getValue(), option, fraction, escalate, calibrator);
      out.add(gp);
      totalCost += gp.expectedCostUsd();
      totalQuality += gp.expectedQuality() * gp.queries();
    }
    return new CascadePlan(budgetUsd, fraction, List.copyOf(out), escalate, option, totalCost,
        n == 0 ? 0 : totalQuality / n);
  }

  private GroupPolicy planGroup(CascadeNight night, List<Integer> rows, int[] option, double fraction,
      boolean[] escalate, SmallModelCalibrator calibrator) {
    AssignmentProblem p = night.problem();
    int s = night.smallOption();
    int esc = option[rows.get(0)];
    int withMargin = 0;
    for (int i : rows) {
      withMargin += night.hasMargin(i) ? 1 : 0;
    }
    double[] margins = new double[withMargin];
    double[] costs = new double[withMargin];
    double share = 0;
    int k = 0;
    for (int i : rows) {
      share += p.costUsd(i, s);
      if (night.hasMargin(i)) {
        margins[k] = night.margin()[i];
        costs[k++] = p.costUsd(i, esc);
      } else if (settings.escalateWithoutMargin()) {
        share += p.costUsd(i, esc);
      }
    }
    double money = 0;
    for (double c : costs) {
      money += c;
    }
    money *= fraction;
    share += money;
    double threshold = EscalationThreshold.fit(margins, costs, money).threshold();
    long escalated = 0;
    double cost = 0;
    double quality = 0;
    for (int i : rows) {
      boolean up = night.hasMargin(i) ? night.margin()[i] < threshold : settings.escalateWithoutMargin();
      escalate[i] = up;
      cost += p.costUsd(i, s) + (up ? p.costUsd(i, esc) : 0);
      if (up) {
        escalated++;
        quality += p.quality(i, esc);
      } else {
        quality += calibrator != null && night.hasMargin(i)
            ? calibrator.correctness(night.margin()[i], night.meanLogprob()[i]) : p.quality(i, s);
      }
    }
    int first = rows.get(0);
    return new GroupPolicy(p.tenant(first), night.tasks()[first], p.optionId(s), p.optionId(esc),
        withMargin == 0 ? (fraction >= 1 ? Double.POSITIVE_INFINITY : 0) : threshold,
        settings.escalateWithoutMargin(), rows.size(), rows.size() - withMargin, escalated, share, cost,
        quality / rows.size());
  }

  /** The configured escalation model, or the group's best by mean predicted quality (cheaper on ties). */
  private int escalationOption(AssignmentProblem p, int small, List<Integer> rows) {
    if (!settings.escalationModel().isEmpty()) {
      for (int j = 0; j < p.optionCount(); j++) {
        if (p.optionId(j).equals(settings.escalationModel())) {
          if (j == small) {
            throw new IllegalArgumentException("allot.cascade.escalation-model is '" + settings.escalationModel()
                + "', the small model itself; name a second-tier model or leave it empty");
          }
          return j;
        }
      }
      throw new IllegalArgumentException("allot.cascade.escalation-model is '" + settings.escalationModel()
          + "', which is not in the catalog; leave it empty or use one of " + optionIds(p));
    }
    int best = -1;
    double bestQ = 0;
    double bestC = 0;
    for (int j = 0; j < p.optionCount(); j++) {
      if (j == small) {
        continue;
      }
      double q = 0;
      double c = 0;
      for (int i : rows) {
        q += p.isAllowed(i, j) ? p.quality(i, j) : 0;
        c += p.isAllowed(i, j) ? p.costUsd(i, j) : Double.POSITIVE_INFINITY;
      }
      if (best < 0 || q > bestQ + 1e-12 || Math.abs(q - bestQ) <= 1e-12 && c < bestC) {
        best = j;
        bestQ = q;
        bestC = c;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("the catalog has only the small model: the cascade needs a second tier");
    }
    return best;
  }

  private static List<String> optionIds(AssignmentProblem p) {
    List<String> ids = new ArrayList<>();
    for (int j = 0; j < p.optionCount(); j++) {
      ids.add(p.optionId(j));
    }
    return ids;
  }

  /** Rows per (tenant, task), in a fixed order so that reruns publish rows in the same order. */
  private static Map<String, List<Integer>> groups(CascadeNight night) {
    Map<String, List<Integer>> g = new TreeMap<>();
    for (int i = 0; i < night.size(); i++) {
      g.computeIfAbsent(night.problem().tenant(i) + '\u0000' + night.tasks()[i], x -> new ArrayList<>()).add(i);
    }
    return g;
  }
}
