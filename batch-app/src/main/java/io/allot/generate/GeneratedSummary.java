package io.allot.generate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run wrote, and the hidden truth behind it. Accuracies are over all valid queries of all
 * nights, labelled or not, so they are the "true" values a learner can only estimate.
 *
 * @param queries query-log lines over all nights, bad ones included
 * @param oracleAccuracy share of valid queries that at least one model answers correctly
 * @param smallMarginAuc AUC of the first-token margin (docs/architecture.md) (variants skipped) for the small model's correctness
 * @param smallNaiveMarginAuc the same for top-1 minus top-2, which variants spoil
 * @param variantShare share of valid queries whose second first-token entry is a variant of top-1
 * @param elapsed wall time; not written to generator.json, which must not depend on the clock
 */
public record GeneratedSummary(
    List<Night> nights,
    List<ModelTruth> models,
    Map<String, Long> queriesByTask,
    Map<String, Long> queriesByTenant,
    long queries,
    long validQueries,
    long badRecords,
    long labelledQueries,
    long outcomeRows,
    double oracleAccuracy,
    double smallMarginAuc,
    double smallNaiveMarginAuc,
    double variantShare,
    Duration elapsed) {

  public double queriesPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s <= 0 ? 0 : queries / s;
  }

  public ModelTruth model(String id) {
    return models.stream().filter(m -> m.modelId().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model '" + id + "' in this summary"));
  }

  /**
   * @param queryLog path of the night's query log, relative to the output folder
   * @param outcomes path of the night's outcomes, relative to the output folder
   * @param badRecords count per kind, every kind present (zero when none)
   */
  public record Night(
      LocalDate date,
      String queryLog,
      String outcomes,
      long queries,
      long validQueries,
      long labelledQueries,
      long outcomeRows,
      Map<BadRecordKind, Long> badRecords) {
  }

  /**
   * @param accuracy realised share of valid queries the model answers correctly
   * @param accuracyByTask realised, per task id
   * @param designedAccuracyByTask Phi(threshold): the skill table before sampling noise and tenant shifts
   * @param meanCostUsd mean cost per valid query at the expected output length
   */
  public record ModelTruth(
      String modelId,
      boolean smallTier,
      double accuracy,
      Map<String, Double> accuracyByTask,
      Map<String, Double> designedAccuracyByTask,
      double meanCostUsd) {
  }
}
