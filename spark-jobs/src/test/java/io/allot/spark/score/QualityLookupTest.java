package io.allot.spark.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityLookupTest {
  @Test
  void binsAreUpperInclusive() {
    double[] edges = {1.0, 2.0, 2.0, 3.0};
    assertEquals(0, QualityLookup.bin(edges, -5));
    assertEquals(0, QualityLookup.bin(edges, 1.0));
    assertEquals(1, QualityLookup.bin(edges, 1.5));
    assertEquals(1, QualityLookup.bin(edges, 2.0), "a repeated edge leaves bin 2 empty");
    assertEquals(3, QualityLookup.bin(edges, 2.5));
    assertEquals(4, QualityLookup.bin(edges, 99));
  }

  @Test
  void fallsBackFromTaskBinToBinToTaskToGlobal() {
    QualityLookup l = new QualityLookup(0, new double[] {0.5, 0.6}, Map.of("x", new double[] {0.4, 0.9}),
        new double[] {1.0}, new double[] {0.2, 0.8}, Map.of("x", new double[] {0.1, 0.95}));
    assertArrayEquals(new double[] {0.1, 0.9}, l.quality("x", 0.5));
    assertArrayEquals(new double[] {0.95, 0.9}, l.quality("x", 3.0));
    assertArrayEquals(new double[] {0.4, 0.9}, l.quality("x", null), "no margin: task mean");
    assertArrayEquals(new double[] {0.8, 0.6}, l.quality("unseen", 3.0), "unseen task: pooled bin");
    assertArrayEquals(new double[] {0.5, 0.6}, l.quality("unseen", null));
  }
}
