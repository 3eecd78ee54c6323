package io.allot.realised;

import java.util.HashMap;
import java.util.Map;

/**
 * The outcomes of one night's served queries, by query and model. A query evaluated twice by the
 * same model (two outcome lines) counts with the mean of its scores and of its costs, and with its
 * answer only when every line that has one gives the same text (else none), so the result does not
 * depend on the order of the files.
 */
public final class ServedOutcomes {
  /**
   * One model's outcome on one query; {@code costUsd} is null when no line reported a cost,
   * {@code answer} when no line carried one (or two lines carried different ones).
   */
  public record Outcome(double score, Double costUsd, String answer) {}

  private static final class Sum {
    double score;
    int scores;
    double cost;
    int costs;
    String answer;
    boolean answersDiffer;
  }

  private final Map<String, Map<String, Sum>> byQuery = new HashMap<>();

  public void add(String queryId, String modelId, double score, Double costUsd) {
    add(queryId, modelId, score, costUsd, null);
  }

  public void add(String queryId, String modelId, double score, Double costUsd, String answer) {
    Sum s = byQuery.computeIfAbsent(queryId, k -> new HashMap<>(4)).computeIfAbsent(modelId, k -> new Sum());
    s.score += score;
    s.scores++;
    if (costUsd != null) {
      s.cost += costUsd;
      s.costs++;
    }
    if (answer != null) {
      s.answersDiffer |= s.answer != null && !s.answer.equals(answer);
      s.answer = answer;
    }
  }

  /** The query's outcomes by model (empty when it has none). */
  public Map<String, Outcome> of(String queryId) {
    Map<String, Sum> sums = byQuery.get(queryId);
    if (sums == null) {
      return Map.of();
    }
    Map<String, Outcome> out = new HashMap<>(sums.size() * 2);
    sums.forEach((model, s) -> out.put(model, new Outcome(s.score / s.scores, s.costs == 0 ? null : s.cost / s.costs,
        s.answersDiffer ? null : s.answer)));
    return out;
  }

  public int queries() {
    return byQuery.size();
  }
}
