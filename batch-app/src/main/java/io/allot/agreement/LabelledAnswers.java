package io.allot.agreement;

/**
 * Labelled rows with the models' answers: per row and model the realised score in [0,1], the
 * dollar cost and the answer text. The offline {@code evaluate} tool's files and the nightly job's
 * history outcomes both provide them; the cascade and vote figures are computed the same way on
 * either.
 */
public interface LabelledAnswers {
  int rows();

  int modelCount();

  /** Model j's score on row i; NaN when missing. */
  double score(int i, int j);

  /** Model j's cost on row i; NaN when missing. */
  double cost(int i, int j);

  /** Model j's answer text on row i, or null when unknown. */
  String answer(int i, int j);
}
