package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContestedQueriesTest {
  @Test
  void theLeastDecidedQueriesArePickedInQueryOrder() {
    double[] regret = {0.5, 0.1, 0.9, 0.1, 0.3};
    assertThat(ContestedQueries.select(regret, 3)).containsExactly(1, 3, 4);
    assertThat(ContestedQueries.select(regret, 9)).containsExactly(0, 1, 2, 3, 4);
  }

  /** The distributed solve adds an overrun model's least decided queries that are not contested yet. */
  @Test
  void queriesOnAnOverrunModelJoinLeastDecidedFirst() {
    ContestedQueries.Decided decided = new ContestedQueries.Decided(
        new double[] {0.1, 0.2, 0.9, 0.4, 0.3, 0.05}, new int[] {0, 1, 1, 1, 2, 1});
    int[] picked = {0, 5};
    boolean[] onModelOne = {false, true, false};

    assertThat(ContestedQueries.addOnOptions(picked, decided, onModelOne, 2)).containsExactly(0, 1, 3, 5);
    assertThat(ContestedQueries.addOnOptions(picked, decided, onModelOne, 10)).containsExactly(0, 1, 2, 3, 5);
  }
}
