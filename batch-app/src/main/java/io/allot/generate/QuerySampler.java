package io.allot.generate;

import io.allot.spark.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one query into a reused {@link QueryDraft}. The draw order inside a query is fixed, and the
 * per-model outcome details come last, so the query's logged content does not depend on whether it
 * is labelled. See {@link DemoDataGenerator} for the model as a whole.
 */
final class QuerySampler {
  static final long STREAM_QUERY = 1;
  /** Fixed, not the user's seed: topic and tenant directions are part of the world. */
  private static final long WORLD_SEED = 0x5EEDA110L;

  static final double MARGIN_LOG_MEAN_RIGHT = 0.95;
  static final double MARGIN_LOG_MEAN_WRONG = 0.10;
  static final double MARGIN_LOG_SD = 0.75;
  static final double VARIANT_SHARE = 0.30;
  static final double PROMPT_DIFFICULTY_SLOPE = 0.12;
  static final double TOKEN_SCALE_RIGHT = 0.28;
  static final double TOKEN_SCALE_WRONG = 0.34;
  static final double TOKEN_SCALE_NOISE = 0.6;

  private static final double[][] TASK_DIRECTION = directions(Task.values().length, 1);
  private static final double[][] TENANT_DIRECTION = directions(Tenant.values().length, 2);
  private static final double[] DIFFICULTY_DIRECTION = directions(1, 3)[0];
  /** [task][first-token index] -> case/space/punctuation variants of that token. */
  private static final String[][][] VARIANTS = variants();

  private final long seed;
  private final SkillModel skills;
  private final Rng rng = new Rng();
  private final double[][] theta;
  private final int[] pool = new int[16];

  QuerySampler(long seed, SkillModel skills) {
    this.seed = seed;
    this.skills = skills;
    Task[] tasks = Task.values();
    theta = new double[skills.models()][tasks.length];
    for (int m = 0; m < skills.models(); m++) {
      for (Task t : tasks) {
        theta[m][t.ordinal()] = skills.threshold(m, t);
      }
    }
  }

  void draw(long night, long index, long nightQueries, QueryDraft d) {
    rng.reseed(seed, STREAM_QUERY, night, index);
    d.index = index;
    d.night = night;
    d.secondOfDay = (long) ((index + rng.nextDouble()) * 86_400.0 / nightQueries);
    d.tenant = Tenant.draw(rng.nextDouble());
    d.task = d.tenant.drawTask(rng.nextDouble());
    d.difficulty = d.tenant.difficultyShift() + rng.nextGaussian();
    Task task = d.task;

    double logPrompt = task.promptLogMedian() + task.promptSigma() * rng.nextGaussian()
        + PROMPT_DIFFICULTY_SLOPE * d.difficulty;
    d.promptTokens = (int) Math.max(16, Math.min(32_000, Math.round(Math.exp(logPrompt))));
    // Skewed towards the short end of the task's range, like real answer lengths.
    double u = rng.nextDouble();
    d.expectedOutputTokens = task.outputMin()
        + (int) Math.round((task.outputMax() - task.outputMin()) * u * Math.sqrt(u));

    double shared = Math.sqrt(SkillModel.RHO) * d.difficulty;
    double own = Math.sqrt(1 - SkillModel.RHO);
    for (int m = 0; m < d.correct.length; m++) {
      d.correct[m] = shared + own * rng.nextGaussian() < theta[m][task.ordinal()];
    }

    drawFirstToken(d, d.correct[skills.smallIndex()]);
    drawTokenLogprobs(d, d.correct[skills.smallIndex()]);
    TextComposer.compose(rng, d);
    TextComposer.composeOutput(rng, d);
    drawEmbedding(d);
  }

  /**
   * Logits relative to top-1: top-1 at 0, an optional variant between 0 and -margin, the first
   * non-variant at exactly -margin, the rest further down, plus an unshown "everything else" mass.
   * Normalising subtracts one constant from all, so the margin survives exactly.
   */
  private void drawFirstToken(QueryDraft d, boolean smallRight) {
    double logMargin = (smallRight ? MARGIN_LOG_MEAN_RIGHT : MARGIN_LOG_MEAN_WRONG)
        + MARGIN_LOG_SD * rng.nextGaussian();
    double margin = Math.exp(logMargin);
    String[] candidates = d.task.firstTokens();
    int entries = rng.between(3, QueryDraft.MAX_TOP);
    boolean variant = rng.nextDouble() < VARIANT_SHARE;
    int top = rng.nextInt(candidates.length);
    for (int i = 0; i < candidates.length; i++) {
      pool[i] = i;
    }
    pool[top] = pool[candidates.length - 1];
    int left = candidates.length - 1;

    d.topTokens[0] = candidates[top];
    d.topLogprobs[0] = 0;
    int pos = 1;
    if (variant) {
      String[] vs = VARIANTS[d.task.ordinal()][top];
      d.topTokens[1] = vs[rng.nextInt(vs.length)];
      d.topLogprobs[1] = -margin * (0.15 + 0.7 * rng.nextDouble());
      pos = 2;
    }
    double logit = -margin;
    for (; pos < entries && left > 0; pos++) {
      int pick = rng.nextInt(left);
      String token = candidates[pool[pick]];
      pool[pick] = pool[--left];
      // A leading space is how BPE vocabularies spell many words; it is not a variant of top-1.
      d.topTokens[pos] = rng.nextDouble() < 0.2 ? " " + token : token;
      d.topLogprobs[pos] = logit;
      logit -= 0.2 + 0.8 * rng.nextExp();
    }
    d.topCount = pos;
    double rest = -1.0 - 0.5 * margin + 0.5 * rng.nextGaussian();
    double sum = Math.exp(rest);
    for (int i = 0; i < pos; i++) {
      sum += Math.exp(d.topLogprobs[i]);
    }
    double norm = Math.log(sum);
    for (int i = 0; i < pos; i++) {
      d.topLogprobs[i] -= norm;
    }
    d.margin = margin;
    d.naiveMargin = d.topLogprobs[0] - d.topLogprobs[1];
    d.variantSecond = variant;
  }

  /** First entry is the first token's own logprob; the rest only weakly track correctness. */
  private void drawTokenLogprobs(QueryDraft d, boolean smallRight) {
    int n = Math.min(d.expectedOutputTokens, rng.between(3, QueryDraft.MAX_TOKENS));
    d.tokenCount = n;
    d.tokenLogprobs[0] = d.topLogprobs[0];
    double scale = (smallRight ? TOKEN_SCALE_RIGHT : TOKEN_SCALE_WRONG)
        * Math.exp(TOKEN_SCALE_NOISE * rng.nextGaussian());
    for (int i = 1; i < n; i++) {
      d.tokenLogprobs[i] = -scale * rng.nextExp();
    }
  }

  private void drawEmbedding(QueryDraft d) {
    double[] t = TASK_DIRECTION[d.task.ordinal()];
    double[] c = TENANT_DIRECTION[d.tenant.ordinal()];
    for (int k = 0; k < QueryDraft.EMBEDDING_DIM; k++) {
      d.embedding[k] = 0.6 * t[k] + 0.25 * c[k] + 0.35 * d.difficulty * DIFFICULTY_DIRECTION[k]
          + 0.3 * rng.nextGaussian();
    }
  }

  /** Actual answer length, cost, latency and answer text of every model on a labelled query. */
  void drawOutcomes(QueryDraft d) {
    for (int m = 0; m < d.correct.length; m++) {
      ModelSpec spec = skills.catalog().get(m);
      int out = (int) Math.max(1, Math.round(d.expectedOutputTokens * Math.exp(0.2 * rng.nextGaussian())));
      d.actualOutputTokens[m] = out;
      d.costUsd[m] = spec.costUsd(d.promptTokens, out);
      double latency = spec.latencyMs() * Math.exp(0.25 * rng.nextGaussian()) * (0.75 + out / 800.0);
      d.latencyMs[m] = (int) Math.max(1, Math.round(latency));
      d.observedSecond[m] = d.secondOfDay + (d.latencyMs[m] + 999) / 1000;
      d.answer[m] = AnswerText.of(d.task, seed, d.night, d.index, m, d.correct[m]);
    }
  }

  private static double[][] directions(int count, long stream) {
    Rng r = new Rng();
    double[][] out = new double[count][QueryDraft.EMBEDDING_DIM];
    for (int i = 0; i < count; i++) {
      r.reseed(WORLD_SEED, stream, 0, i);
      double norm = 0;
      for (int k = 0; k < QueryDraft.EMBEDDING_DIM; k++) {
        out[i][k] = r.nextGaussian();
        norm += out[i][k] * out[i][k];
      }
      norm = Math.sqrt(norm);
      for (int k = 0; k < QueryDraft.EMBEDDING_DIM; k++) {
        out[i][k] /= norm;
      }
    }
    return out;
  }

  private static String[][][] variants() {
    Task[] tasks = Task.values();
    String[][][] out = new String[tasks.length][][];
    for (Task t : tasks) {
      String[] tokens = t.firstTokens();
      out[t.ordinal()] = new String[tokens.length][];
      for (int i = 0; i < tokens.length; i++) {
        String tok = tokens[i];
        String upper = tok.toUpperCase(Locale.ROOT);
        String lower = tok.toLowerCase(Locale.ROOT);
        List<String> vs = new ArrayList<>();
        vs.add(" " + tok);
        vs.add(tok + ".");
        if (!upper.equals(tok)) {
          vs.add(upper);
        }
        if (!lower.equals(tok)) {
          vs.add(lower);
        }
        out[t.ordinal()][i] = vs.toArray(new String[0]);
      }
    }
    return out;
  }
}
