package io.allot.bandit.nightly;

import io.allot.bandit.TiUcb;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * TI-UCB over nights, without Spring or a database: every model is an arm, each observed night
 * is one pull whose reward is that night's mean outcome score. The arms' state is rebuilt from
 * the full observation history each time, so the result depends only on the observations: a
 * rerun or a restarted step gives exactly the same decisions.
 */
public final class ModelSelection {

  /** One night's reward of one model: the mean score of its evaluated queries. */
  public record Observation(String modelId, LocalDate night, double reward, long outcomes) {}

  /** What TI-UCB made of an observation once it was folded in. */
  public record Folded(Observation observation, int pull, int segmentPull, double trendQuality) {}

  /**
   * Tonight's decision for one catalog model.
   *
   * @param trendQuality TI-UCB's prediction of the next night's reward, clamped to [0,1] (NaN: never observed)
   * @param baselineQuality the mean reward over the baseline nights (what the scorer learned from)
   * @param qualityShift trendQuality - baselineQuality: the solver adds it to every predicted quality of the model
   * @param explorationShare the minimum share of tonight's queries the model must get
   */
  public record ArmDecision(String modelId, int pulls, int segmentPulls, double lastReward, double trendQuality,
      double baselineQuality, double qualityShift, double index, double explorationShare, String reason) {}

  /** A change TI-UCB detected in a model's rewards; converged = its rise stopped. */
  public record Event(String modelId, LocalDate changeNight, LocalDate detectedNight, int changePull,
      int detectedAtPull, double olderIncrease, double newerIncrease, boolean converged) {

    public String message() {
      return converged
          ? "model " + modelId + " has converged since " + changeNight + ": its rise stopped, further fine-tuning is "
              + "not paying off"
          : "model " + modelId + " changed trend at " + changeNight + " (it started rising faster)";
    }
  }

  public record Result(List<ArmDecision> decisions, List<Event> events, List<Folded> folded, long rounds) {
    public ArmDecision decision(String modelId) {
      return decisions.stream().filter(d -> d.modelId().equals(modelId)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no decision for model '" + modelId + "'"));
    }
  }

  private ModelSelection() {}

  /**
   * @param catalog tonight's models (the active arms), in catalog order
   * @param observations every observation up to last night, of any model, in any order
   * @param runDate tonight
   */
  public static Result decide(List<String> catalog, List<Observation> observations, LocalDate runDate,
      BanditSettings s) {
    TreeSet<String> all = new TreeSet<>(catalog);
    observations.forEach(o -> all.add(o.modelId()));
    List<String> arms = new ArrayList<>(all);
    Map<String, Integer> arm = new HashMap<>();
    for (int i = 0; i < arms.size(); i++) {
      arm.put(arms.get(i), i);
    }
    TiUcb ti = new TiUcb(Math.max(1, arms.size()), s.tiUcb(), 0);
    TreeMap<LocalDate, List<Observation>> byNight = new TreeMap<>();
    for (Observation o : observations) {
      if (!o.night().isBefore(runDate)) {
        throw new IllegalArgumentException("observation of " + o.modelId() + " for " + o.night()
            + " is not before the run date " + runDate);
      }
      if (!(o.reward() >= 0 && o.reward() <= 1)) {
        throw new IllegalArgumentException("observation of " + o.modelId() + " for " + o.night() + ": reward "
            + o.reward() + " is outside [0,1]");
      }
      byNight.computeIfAbsent(o.night(), d -> new ArrayList<>()).add(o);
    }
    List<Folded> folded = new ArrayList<>();
    Map<String, List<LocalDate>> nightsOf = new HashMap<>();
    long t = 0;
    for (List<Observation> night : byNight.values()) {
      t++;
      night.sort(Comparator.comparing(Observation::modelId));
      for (Observation o : night) {
        int a = arm.get(o.modelId());
        ti.observe(a, o.reward(), t);
        nightsOf.computeIfAbsent(o.modelId(), k -> new ArrayList<>()).add(o.night());
        folded.add(new Folded(o, ti.pulls(a), ti.segmentPulls(a), clamp(ti.prediction(a))));
      }
    }
    List<Event> events = new ArrayList<>();
    for (TiUcb.DetectedChange c : ti.changes()) {
      String id = arms.get(c.arm());
      List<LocalDate> nights = nightsOf.get(id);
      events.add(new Event(id, nights.get(c.change().changePull() - 1), nights.get(c.change().detectedAtPull() - 1),
          c.change().changePull(), c.change().detectedAtPull(), c.change().olderIncrease(),
          c.change().newerIncrease(), c.change().converged()));
    }
    List<ArmDecision> decisions = decisions(catalog, ti, arm, observations, runDate, Math.max(t, 1), s);
    return new Result(decisions, events, folded, t);
  }

  private static List<ArmDecision> decisions(List<String> catalog, TiUcb ti, Map<String, Integer> arm,
      List<Observation> observations, LocalDate runDate, long t, BanditSettings s) {
    double best = Double.NEGATIVE_INFINITY;
    for (String id : catalog) {
      int a = arm.get(id);
      if (ti.pulls(a) > 0) {
        best = Math.max(best, clamp(ti.prediction(a)));
      }
    }
    LocalDate from = runDate.minusDays(s.baselineDays());
    List<ArmDecision> out = new ArrayList<>();
    double totalShare = 0;
    for (String id : catalog) {
      int a = arm.get(id);
      int pulls = ti.pulls(a);
      double baseline = observations.stream()
          .filter(o -> o.modelId().equals(id) && !o.night().isBefore(from))
          .mapToDouble(Observation::reward).average().orElse(Double.NaN);
      double trend = pulls == 0 ? Double.NaN : clamp(ti.prediction(a));
      double shift = pulls == 0 || Double.isNaN(baseline) ? 0 : trend - baseline;
      double index = ti.index(a, t);
      String reason;
      double share;
      if (pulls < s.minObservations()) {
        share = s.explorationShare();
        reason = "explore: " + pulls + " observed nights, fewer than " + s.minObservations();
      } else if (trend < best && index >= best) {
        share = s.explorationShare();
        reason = String.format(java.util.Locale.ROOT, "explore: upper bound %.4f reaches the best prediction %.4f",
            index, best);
      } else {
        share = 0;
        reason = trend >= best ? "best predicted quality" : "no exploration needed";
      }
      totalShare += share;
      out.add(new ArmDecision(id, pulls, pulls == 0 ? 0 : ti.segmentPulls(a),
          pulls == 0 ? Double.NaN : ti.history(a).reward(pulls), trend, baseline, shift, index, share, reason));
    }
    if (totalShare > s.maxExplorationShare() && totalShare > 0) {
      double scale = s.maxExplorationShare() / totalShare;
      out.replaceAll(d -> new ArmDecision(d.modelId(), d.pulls(), d.segmentPulls(), d.lastReward(), d.trendQuality(),
          d.baselineQuality(), d.qualityShift(), d.index(), d.explorationShare() * scale, d.reason()));
    }
    return out;
  }

  private static double clamp(double v) {
    return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
  }
}
