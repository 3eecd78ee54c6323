package io.allot.generate;

/**
 * Builds a query's text: a task-specific lead phrase, then words drawn from the task's vocabulary
 * (55%), the tenant's domain words (18%), common filler (15%), and difficulty hint words (12%, only
 * when the query's noisy difficulty reading is clearly easy or clearly hard). The hints read the
 * latent difficulty through noise (sd 0.8), so a text classifier can learn part of what makes a
 * query hard for every model, but not all of it.
 *
 * <p>Length grows with the prompt: round(1.3·sqrt(prompt_tokens)) words, clamped to 12..80. The
 * text is a stand-in for the user's question; the bulk of a real prompt (templates, context
 * documents) is only represented by prompt_tokens, which keeps a 10M-query log at a few GB.
 */
final class TextComposer {
  private static final String[] FILLER = Task.words("please the for with and about this that our"
      + " from need can you also some more check help new latest attached below quickly note"
      + " team thanks");
  private static final String[] EASY = Task.words("simple short single basic quick obvious"
      + " standard plain routine one-line");
  private static final String[] HARD = Task.words("ambiguous multi-step nested contradictory"
      + " edge-case derive prove optimize concurrency rigorous intricate legacy cross-reference"
      + " undocumented");
  static final double HINT_NOISE = 0.8;
  static final double HINT_CUT = 0.6;

  private TextComposer() {
  }

  static void compose(Rng rng, QueryDraft d) {
    StringBuilder sb = d.text;
    sb.setLength(0);
    String[] leads = d.task.leads();
    sb.append(leads[rng.nextInt(leads.length)]);
    int words = (int) Math.round(1.3 * Math.sqrt(d.promptTokens));
    words = Math.max(12, Math.min(80, words));
    double reading = d.difficulty + HINT_NOISE * rng.nextGaussian();
    String[] hints = reading > HINT_CUT ? HARD : reading < -HINT_CUT ? EASY : null;
    String[] taskWords = d.task.vocabulary();
    String[] tenantWords = d.tenant.vocabulary();
    for (int i = 0; i < words; i++) {
      double u = rng.nextDouble();
      String[] from;
      if (u < 0.12) {
        from = hints != null ? hints : FILLER;
      } else if (u < 0.67) {
        from = taskWords;
      } else if (u < 0.85) {
        from = tenantWords;
      } else {
        from = FILLER;
      }
      sb.append(' ').append(from[rng.nextInt(from.length)]);
      if (i + 1 < words && rng.nextDouble() < 0.08) {
        sb.append('.');
      }
    }
    sb.append(d.task == Task.QA ? '?' : '.');
  }

  /** A short answer that starts with the small model's top first token. */
  static void composeOutput(Rng rng, QueryDraft d) {
    StringBuilder sb = d.output;
    sb.setLength(0);
    sb.append(d.topTokens[0]);
    if (d.task.labelAnswer()) {
      return;
    }
    String[] taskWords = d.task.vocabulary();
    int n = rng.between(3, 8);
    for (int i = 0; i < n; i++) {
      sb.append(' ').append(taskWords[rng.nextInt(taskWords.length)]);
    }
  }
}
