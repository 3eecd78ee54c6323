package io.allot.spark.score;

/** Scoring cannot produce a sound estimate; the message says which model or input and why. */
public class ScoringException extends RuntimeException {
  public ScoringException(String message) {
    super(message);
  }
}
