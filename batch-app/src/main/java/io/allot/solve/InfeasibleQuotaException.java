package io.allot.solve;

/** Exploration quotas that no assignment can meet. */
public final class InfeasibleQuotaException extends RuntimeException {
  public InfeasibleQuotaException(String message) {
    super(message);
  }
}
