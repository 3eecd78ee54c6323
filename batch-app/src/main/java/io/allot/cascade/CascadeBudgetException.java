package io.allot.cascade;

/** The budget cannot pay for the cascade's minimum (the small model on every query, plus forced escalations). */
public class CascadeBudgetException extends IllegalArgumentException {
  public CascadeBudgetException(String message) {
    super(message);
  }
}
