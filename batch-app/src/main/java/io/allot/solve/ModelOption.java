package io.allot.solve;

/**
 * Problem fact: one option of the catalog, shared by every entity that takes it.
 *
 * @param index column of this option in the problem's matrices
 * @param capacity queries this option may take in the planned part of the problem
 */
public record ModelOption(int index, String id, long capacity) {

  public boolean isCapacityLimited() {
    return capacity != AssignmentProblem.UNLIMITED;
  }

  @Override
  public String toString() {
    return id;
  }
}
