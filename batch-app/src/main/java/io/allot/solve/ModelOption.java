package io.allot.solve;

/**
 * Problem fact: one option, shared by every entity that takes it.
 *
 * @param index column of this option in the problem's matrices
 * @param members indexes of the models ({@link ModelLimit}s) this option calls
 */
public record ModelOption(int index, String id, int[] members) {

  ModelOption(int index, String id) {
    this(index, id, new int[] {index});
  }

  public boolean calls(int model) {
    for (int j : members) {
      if (j == model) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return id;
  }
}
