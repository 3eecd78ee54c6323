package io.allot.solve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.allot.solve.SolvePath.Where;
import org.junit.jupiter.api.Test;

/** Where a night is solved, from its counts alone, before anything is loaded. */
class SolvePathTest {
  private static final long HEAP_8G = 8L << 30;

  @Test
  void autoSolvesSmallNightsOnTheDriverAndLargeOnesOnSpark() {
    assertThat(SolvePath.choose("auto", 20_000_000, 1_000_000, 8, HEAP_8G)).isEqualTo(Where.DRIVER);
    // Above the size setting, though the driver could hold it.
    assertThat(SolvePath.choose("auto", 500_000, 1_000_000, 8, HEAP_8G)).isEqualTo(Where.DISTRIBUTED);
    // Below the size setting, but the heap estimate says the driver cannot hold it.
    assertThat(SolvePath.choose("auto", 20_000_000, 16_000_000, 8, HEAP_8G)).isEqualTo(Where.DISTRIBUTED);
  }

  @Test
  void aForcedModeWinsOverTheSize() {
    assertThat(SolvePath.choose("distributed", 20_000_000, 1_000, 8, HEAP_8G)).isEqualTo(Where.DISTRIBUTED);
    assertThat(SolvePath.choose("local", 500_000, 1_000_000, 8, HEAP_8G)).isEqualTo(Where.DRIVER);
  }

  @Test
  void aLocalNightTooLargeForTheHeapStopsWithOneLineBeforeLoading() {
    assertThatThrownBy(() -> SolvePath.choose("local", 20_000_000, 16_000_000, 8, HEAP_8G))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("16,000,000 queries x 8 options need about")
        .hasMessageContaining("ALLOT_JAVA_OPTS=-Xmx9g")
        .hasMessageNotContaining("\n");
  }

  @Test
  void anUnknownModeNamesTheSetting() {
    assertThatThrownBy(() -> SolvePath.choose("spark", 20_000_000, 1_000, 8, HEAP_8G))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("allot.solver.distributed.mode is 'spark'; must be auto, local or distributed");
  }
}
