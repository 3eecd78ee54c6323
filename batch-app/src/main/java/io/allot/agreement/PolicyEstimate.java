package io.allot.agreement;

/**
 * An {@link AnswerPolicy}'s figures from labelled rows: per model the share of rows on which it was
 * called, and the mean score. The expected cost of the policy on a new query is then
 * sum_j callRate_j * cost_j (a cascade: A + B + P(disagree) * C), its expected quality the mean
 * score; both are exact means over the rows they were estimated on.
 */
public record PolicyEstimate(AnswerPolicy policy, double[] callRate, double quality, double meanCost,
    int rows) {

  /** Plays the policy on the given rows (rows with an empty cell must be left out beforehand). */
  public static PolicyEstimate of(AnswerPolicy policy, LabelledAnswers data, String[] parsed, int[] rows) {
    int m = data.modelCount();
    double[] calls = new double[m];
    double score = 0;
    double cost = 0;
    for (int i : rows) {
      AnswerPolicy.Outcome o = policy.run(data, parsed, i);
      for (int j = 0; j < m; j++) {
        calls[j] += o.called()[j] ? 1 : 0;
      }
      score += o.score();
      cost += o.cost(data, i);
    }
    int n = Math.max(1, rows.length);
    for (int j = 0; j < m; j++) {
      calls[j] /= n;
    }
    return new PolicyEstimate(policy, calls, score / n, cost / n, rows.length);
  }

  /**
   * Expected cost on a query with the given per-model (estimated) costs; the model {@code free}
   * (already called for every query, or -1 for none) costs nothing extra.
   */
  public double expectedCost(double[] costs, int free) {
    double c = 0;
    for (int j = 0; j < costs.length; j++) {
      c += j == free ? 0 : callRate[j] * costs[j];
    }
    return c;
  }

  /** Variance of the cost on that query when each call j happens with its rate, independently. */
  public double costVariance(double[] costs, int free) {
    double v = 0;
    for (int j = 0; j < costs.length; j++) {
      v += j == free ? 0 : callRate[j] * (1 - callRate[j]) * costs[j] * costs[j];
    }
    return v;
  }
}
