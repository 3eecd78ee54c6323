package io.allot.generate;

import io.allot.spark.catalog.ModelCatalog;
import io.allot.spark.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Each catalog model's skill per task, as a probit threshold: a query is answered correctly by
 * model m when its latent z_m = sqrt(rho)·difficulty + sqrt(1-rho)·noise_m falls below
 * theta[m][task]. With a standard-normal difficulty this makes Phi(theta) the model's accuracy on
 * the task, and makes every pair of models' latents correlated by rho.
 *
 * <p>The catalog says nothing about quality, so skill is derived from price: models other than the
 * small tier are ranked by the cost of a typical query (800 prompt, 150 output tokens), and the
 * rank r in [0,1] interpolates in probit space between the task's "cheapest large model" and "most
 * expensive model" accuracies, with r^0.8 so quality saturates towards the top. Two deliberate
 * specialisations keep a single best model from winning everywhere (routing must matter): the
 * runner-up is strong at math, where the top model is weaker, and the third is strong at
 * translation. A small per-(model, task) jitter from the model id keeps the table uneven. None of
 * this depends on the seed: the same catalog always yields the same world.
 */
final class SkillModel {
  static final double RHO = 0.5;
  private static final double JITTER = 0.12;
  private static final double TOP_MATH_PENALTY = -0.20;
  private static final double RUNNER_UP_MATH_BONUS = 0.35;
  private static final double THIRD_TRANSLATE_BONUS = 0.45;

  private final ModelCatalog catalog;
  private final int smallIndex;
  private final double[][] theta;

  SkillModel(ModelCatalog catalog) {
    this.catalog = catalog;
    ModelSpec small = catalog.smallTierModel().orElseThrow(() -> new IllegalArgumentException(
        "the model catalog has no model with small_tier: true; the query log needs a small"
            + " first-tier model whose logprobs it carries"));
    this.smallIndex = catalog.indexOf(small.id());
    Task[] tasks = Task.values();
    this.theta = new double[catalog.size()][tasks.length];

    List<Integer> large = new ArrayList<>();
    for (int m = 0; m < catalog.size(); m++) {
      if (m != smallIndex) {
        large.add(m);
      }
    }
    // Stable ties: by typical cost, then by catalog position.
    large.sort(Comparator.comparingDouble((Integer m) -> catalog.get(m).costUsd(800, 150))
        .thenComparingInt(m -> m));
    int n = large.size();
    for (int t = 0; t < tasks.length; t++) {
      Task task = tasks[t];
      theta[smallIndex][t] = Normal.inverseCdf(task.smallAccuracy()) + jitter(small.id(), task);
      double lo = Normal.inverseCdf(task.cheapAccuracy());
      double hi = Normal.inverseCdf(task.topAccuracy());
      for (int k = 0; k < n; k++) {
        int m = large.get(k);
        double r = n == 1 ? 1.0 : (double) k / (n - 1);
        theta[m][t] = lo + (hi - lo) * Math.pow(r, 0.8) + jitter(catalog.get(m).id(), task);
      }
    }
    int math = Task.MATH.ordinal();
    int translate = Task.TRANSLATE.ordinal();
    if (n >= 2) {
      theta[large.get(n - 1)][math] += TOP_MATH_PENALTY;
      theta[large.get(n - 2)][math] += RUNNER_UP_MATH_BONUS;
    }
    if (n >= 3) {
      theta[large.get(n - 3)][translate] += THIRD_TRANSLATE_BONUS;
    }
  }

  /** In [-JITTER, JITTER], from the id alone (String.hashCode is specified, so it is stable). */
  private static double jitter(String modelId, Task task) {
    long h = Rng.mix(modelId.hashCode() * 0x9E3779B97F4A7C15L + task.ordinal());
    return JITTER * (2 * ((h >>> 11) * 0x1.0p-53) - 1);
  }

  ModelCatalog catalog() {
    return catalog;
  }

  int smallIndex() {
    return smallIndex;
  }

  int models() {
    return theta.length;
  }

  double threshold(int model, Task task) {
    return theta[model][task.ordinal()];
  }

  /** The designed accuracy at difficulty shift 0; realised accuracies land in the summary. */
  double designedAccuracy(int model, Task task) {
    return Normal.cdf(threshold(model, task));
  }
}
