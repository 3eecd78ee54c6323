package io.allot.solve;

/**
 * Problem fact: what one model may take in the planned part of the problem (what the fixed
 * queries left), and the exploration quota still to meet there.
 *
 * @param index the model's option index
 * @param queryCapacity queries left, {@link AssignmentProblem#UNLIMITED} for no limit
 * @param tokenCapacity tokens left, {@link AssignmentProblem#UNLIMITED} for no limit
 * @param minimumQueries queries the planned part must still give it (0 = no quota)
 */
public record ModelLimit(int index, String id, long queryCapacity, long tokenCapacity, long minimumQueries) {

  public static ModelLimit unlimited(int index, String id) {
    return new ModelLimit(index, id, AssignmentProblem.UNLIMITED, AssignmentProblem.UNLIMITED, 0);
  }

  public boolean isQueryLimited() {
    return queryCapacity != AssignmentProblem.UNLIMITED;
  }

  public boolean isTokenLimited() {
    return tokenCapacity != AssignmentProblem.UNLIMITED;
  }

  @Override
  public String toString() {
    return id;
  }
}
