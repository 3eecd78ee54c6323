package io.allot.agreement;

/**
 * Why a cascade was or was not offered to a run's solve, for one task: the run summary prints these
 * and publish's neighbour table {@code run_cascade_decision} holds them.
 *
 * @param task the history task ({@link #ALL_TASKS} when no task could be looked at)
 * @param optionId the cascade ({@code A=B?:C}), or null when the task was offered none at all
 * @param offered whether the solve could choose it for the task's queries
 * @param reason the figures behind the decision, in words
 */
public record CascadeDecision(String task, String optionId, boolean offered, String reason) {
  public static final String ALL_TASKS = "*";

  /** One line: {@code task: offered A=B?:C: reason}, or {@code task: reason} without a cascade. */
  public String line() {
    return task + ": " + (optionId == null ? "" : (offered ? "offered " : "not offered ") + optionId + ": ") + reason;
  }
}
