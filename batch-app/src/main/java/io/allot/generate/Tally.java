package io.allot.generate;

import io.allot.spark.catalog.ModelSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Running totals for the summary. Everything is a fixed-size array (models x tasks, margin
 * histograms with fixed bins), so the truth about 10M queries costs the same memory as about 10.
 * The margin AUCs are computed from the histograms, exact up to ties within a 0.02-nat bin.
 */
final class Tally {
  private static final double BIN = 0.02;
  private static final int BINS = 1000;

  private final SkillModel skills;
  private final Task[] tasks = Task.values();
  private final Tenant[] tenants = Tenant.values();
  private final long[] taskCount = new long[tasks.length];
  private final long[] tenantCount = new long[tenants.length];
  private final long[][] correct;
  private final double[] costSum;
  /** [0] = small model wrong, [1] = right. */
  private final long[][] margin = new long[2][BINS];
  private final long[][] naiveMargin = new long[2][BINS];
  private long valid;
  private long oracle;
  private long variants;

  Tally(SkillModel skills) {
    this.skills = skills;
    correct = new long[skills.models()][tasks.length];
    costSum = new double[skills.models()];
  }

  void add(QueryDraft d) {
    valid++;
    taskCount[d.task.ordinal()]++;
    tenantCount[d.tenant.ordinal()]++;
    boolean any = false;
    for (int m = 0; m < correct.length; m++) {
      if (d.correct[m]) {
        correct[m][d.task.ordinal()]++;
        any = true;
      }
      costSum[m] += skills.catalog().get(m).costUsd(d.promptTokens, d.expectedOutputTokens);
    }
    if (any) {
      oracle++;
    }
    int right = d.correct[skills.smallIndex()] ? 1 : 0;
    margin[right][bin(d.margin)]++;
    naiveMargin[right][bin(d.naiveMargin)]++;
    if (d.variantSecond) {
      variants++;
    }
  }

  private static int bin(double v) {
    return (int) Math.max(0, Math.min(BINS - 1, v / BIN));
  }

  /** P(margin of a right answer > margin of a wrong one), ties counted half. */
  static double auc(long[][] hist) {
    double wrongBelow = 0;
    double pairs = 0;
    long wrongTotal = 0;
    long rightTotal = 0;
    for (int b = 0; b < BINS; b++) {
      pairs += hist[1][b] * (wrongBelow + 0.5 * hist[0][b]);
      wrongBelow += hist[0][b];
      wrongTotal += hist[0][b];
      rightTotal += hist[1][b];
    }
    return wrongTotal == 0 || rightTotal == 0 ? Double.NaN : pairs / ((double) wrongTotal * rightTotal);
  }

  GeneratedSummary summarize(List<GeneratedSummary.Night> nights, long queries, long bad,
      long labelled, long outcomeRows, Duration elapsed) {
    List<GeneratedSummary.ModelTruth> models = new ArrayList<>();
    for (int m = 0; m < correct.length; m++) {
      ModelSpec spec = skills.catalog().get(m);
      long total = 0;
      Map<String, Double> byTask = new LinkedHashMap<>();
      Map<String, Double> designed = new LinkedHashMap<>();
      for (Task t : tasks) {
        long n = taskCount[t.ordinal()];
        total += correct[m][t.ordinal()];
        byTask.put(t.id(), n == 0 ? Double.NaN : (double) correct[m][t.ordinal()] / n);
        designed.put(t.id(), skills.designedAccuracy(m, t));
      }
      models.add(new GeneratedSummary.ModelTruth(spec.id(), spec.smallTier(), ratio(total, valid),
          Collections.unmodifiableMap(byTask), Collections.unmodifiableMap(designed),
          valid == 0 ? Double.NaN : costSum[m] / valid));
    }
    Map<String, Long> byTask = new LinkedHashMap<>();
    for (Task t : tasks) {
      byTask.put(t.id(), taskCount[t.ordinal()]);
    }
    Map<String, Long> byTenant = new LinkedHashMap<>();
    for (Tenant t : tenants) {
      byTenant.put(t.id(), tenantCount[t.ordinal()]);
    }
    return new GeneratedSummary(List.copyOf(nights), List.copyOf(models),
        Collections.unmodifiableMap(byTask), Collections.unmodifiableMap(byTenant), queries, valid,
        bad, labelled, outcomeRows, ratio(oracle, valid), auc(margin), auc(naiveMargin),
        ratio(variants, valid), elapsed);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }
}
