package io.allot.realised;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One run's plan against what was served, per option and tenant: the planned queries, spend and
 * predicted quality, and for the queries with outcomes the planned against the realised spend and
 * the predicted against the realised quality.
 *
 * <p>A query counts as served with outcomes when its option's rule can be replayed on them
 * ({@link OptionRule}): every model the rule called has an outcome with a score and a cost (a
 * missing cost is never read as zero), and for a cascade the first and second members' answers
 * are known (a missing answer is never read as agreement). A single model's realised cost and
 * quality are its own; a cascade's are those of the members it called and of the answer it kept;
 * a vote pays every member and scores the majority answer when all members answered, else the
 * lead member's score (without answers a vote cannot be replayed).
 */
public final class RealisedComparison {
  /** One published assignment row. */
  public record Planned(String queryId, String tenant, String optionId, String leadModel, double expectedQuality,
      double expectedCostUsd) {}

  /** The comparison of one option and tenant; the observed means are NaN without outcomes. */
  public record Cell(String optionId, String tenant, long queriesPlanned, double plannedCostUsd,
      double predictedQuality, long queriesWithOutcomes, double plannedCostObservedUsd, double realisedCostUsd,
      double predictedQualityObserved, double realisedQuality) {}

  private static final class Acc {
    long planned;
    double plannedCost;
    double predicted;
    long observed;
    double observedPlannedCost;
    double realisedCost;
    double observedPredicted;
    double realised;
  }

  private final Map<String, OptionRule> rules;
  private final Map<String, Map<String, Acc>> cells = new TreeMap<>();

  /** @param rules each option the run offered, with its members and how they combine */
  public RealisedComparison(Map<String, OptionRule> rules) {
    this.rules = rules;
  }

  /** Options without kinds: single models, and votes scored by their lead (runs before cascades). */
  public static RealisedComparison ofMembers(Map<String, List<String>> membersByOption) {
    Map<String, OptionRule> rules = new TreeMap<>();
    membersByOption.forEach((option, members) -> rules.put(option, OptionRule.plain(members)));
    return new RealisedComparison(rules);
  }

  public void add(Planned p, Map<String, ServedOutcomes.Outcome> outcomes) {
    OptionRule rule = rules.get(p.optionId());
    if (rule == null) {
      throw new IllegalStateException("query " + p.queryId() + " is assigned option '" + p.optionId()
          + "', which is not among the run's options in assignment_option_member");
    }
    Acc a = cells.computeIfAbsent(p.optionId(), k -> new TreeMap<>()).computeIfAbsent(p.tenant(), k -> new Acc());
    a.planned++;
    a.plannedCost += p.expectedCostUsd();
    a.predicted += p.expectedQuality();
    OptionRule.Realised r = rule.realise(p.leadModel(), outcomes);
    if (r == null) {
      return;
    }
    a.observed++;
    a.observedPlannedCost += p.expectedCostUsd();
    a.realisedCost += r.costUsd();
    a.observedPredicted += p.expectedQuality();
    a.realised += r.score();
  }

  /** The cells, by option then tenant. */
  public List<Cell> cells() {
    List<Cell> out = new ArrayList<>();
    cells.forEach((option, byTenant) -> byTenant.forEach((tenant, a) -> out.add(new Cell(option, tenant, a.planned,
        a.plannedCost, a.predicted / a.planned, a.observed, a.observedPlannedCost, a.realisedCost,
        a.observed == 0 ? Double.NaN : a.observedPredicted / a.observed,
        a.observed == 0 ? Double.NaN : a.realised / a.observed))));
    out.sort(Comparator.comparing(Cell::optionId).thenComparing(Cell::tenant));
    return out;
  }
}
