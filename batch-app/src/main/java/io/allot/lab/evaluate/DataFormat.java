package io.allot.lab.evaluate;

import java.util.Locale;

/**
 * The labelled routing files {@code allot evaluate} reads (see the README's evaluate section).
 * Both are CSV with a header row; cells may hold quoted newlines.
 */
public enum DataFormat {
  /**
   * RouterBench: {@code prompt} (a Python-style list of strings), and per model a score column
   * named after the model plus {@code <model>|total_cost}. Rows are identified by the unnamed
   * first column (the index) or, without one, by {@code sample_id}.
   */
  ROUTERBENCH("sample_id", "prompt", "|total_cost", "|model_response"),
  /**
   * OptLLM: {@code content} (the query without its few-shot prefix), and per model a 0/1 column
   * named after the model plus {@code <model>_cost}. Rows are identified by their first column
   * (the unnamed index) or, when it is empty, by their row number.
   */
  OPTLLM(null, "content", "_cost", "_answer");

  final String idColumn;
  final String textColumn;
  final String costSuffix;
  /** Suffix of the optional answer-text column per model (answers enable cascades and real votes). */
  final String answerSuffix;

  DataFormat(String idColumn, String textColumn, String costSuffix, String answerSuffix) {
    this.idColumn = idColumn;
    this.textColumn = textColumn;
    this.costSuffix = costSuffix;
    this.answerSuffix = answerSuffix;
  }

  public static DataFormat parse(String name) {
    for (DataFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown --format '" + name + "': use routerbench or optllm");
  }
}
