package io.allot.generate;

/**
 * A model's answer text for an outcome row, so cascade options have answers to compare. Tasks with
 * one right answer (a label, a field, a number) give it as that answer's token: two right models
 * agree, and two wrong ones agree only when they pick the same of the task's wrong answers.
 * Free-text tasks (summaries, translations, code) are worded differently by every model, so their
 * answers never agree, as with real free text compared by exact form.
 *
 * <p>The text comes from streams of its own ({@link Rng#unit}), not from the query's stream: adding
 * answers left every other generated figure unchanged.
 */
final class AnswerText {
  private AnswerText() {}

  /** How many different wrong answers a task's wrong models choose among; 0 = free text. */
  static int wrongAnswers(Task task) {
    return switch (task) {
      case CLASSIFY, SENTIMENT -> 4;
      case QA -> 6;
      case EXTRACT -> 8;
      case MATH -> 20;
      case SUMMARIZE, TRANSLATE, CODE -> 0;
    };
  }

  /** Streams 100 (the right answer) and 101 + model (a wrong model's choice) of {@link Rng#unit}. */
  static final long STREAM_ANSWER = 100;

  static String of(Task task, long seed, long night, long index, int model, boolean correct) {
    int wrong = wrongAnswers(task);
    if (wrong == 0) {
      long words = (long) (Rng.unit(seed, STREAM_ANSWER + 1 + model, night, index) * Long.MAX_VALUE);
      return "draft " + Long.toString(words, 36) + (correct ? " (good)" : " (poor)");
    }
    int right = (int) (Rng.unit(seed, STREAM_ANSWER, night, index) * 1000);
    return "answer " + (correct ? right
        : right + 1 + (int) (Rng.unit(seed, STREAM_ANSWER + 1 + model, night, index) * wrong));
  }
}
