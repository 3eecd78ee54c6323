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
 * <p>A query counts as served with outcomes when every member of its option has an outcome with a
 * score and a cost (a missing cost is never read as zero). Its realised cost is the sum of its
 * members' costs; its realised quality is the lead member's score: outcome files carry scores,
 * not answers, so a subset's vote cannot be replayed.
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

  private final Map<String, List<String>> membersByOption;
  private final Map<String, Map<String, Acc>> cells = new TreeMap<>();

  /** @param membersByOption each option the run offered, with its member models */
  public RealisedComparison(Map<String, List<String>> membersByOption) {
    this.membersByOption = membersByOption;
  }

  public void add(Planned p, Map<String, ServedOutcomes.Outcome> outcomes) {
    List<String> members = membersByOption.get(p.optionId());
    if (members == null) {
      throw new IllegalStateException("query " + p.queryId() + " is assigned option '" + p.optionId()
          + "', which is not among the run's options in assignment_option_member");
    }
    Acc a = cells.computeIfAbsent(p.optionId(), k -> new TreeMap<>()).computeIfAbsent(p.tenant(), k -> new Acc());
    a.planned++;
    a.plannedCost += p.expectedCostUsd();
    a.predicted += p.expectedQuality();
    double cost = 0;
    for (String m : members) {
      ServedOutcomes.Outcome o = outcomes.get(m);
      if (o == null || o.costUsd() == null) {
        return;
      }
      cost += o.costUsd();
    }
    ServedOutcomes.Outcome lead = outcomes.get(p.leadModel());
    if (lead == null) {
      return;
    }
    a.observed++;
    a.observedPlannedCost += p.expectedCostUsd();
    a.realisedCost += cost;
    a.observedPredicted += p.expectedQuality();
    a.realised += lead.score();
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
