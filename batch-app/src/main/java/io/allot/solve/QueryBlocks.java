package io.allot.solve;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs a pass over the queries in fixed blocks on the common fork-join pool (both cores of the
 * machine). The blocks have a fixed size and their results come back in block order, so what a
 * pass sums does not depend on the number of threads or their timing: reruns are identical.
 */
final class QueryBlocks {
  /** Queries per block: large enough that a block's work dwarfs the scheduling, small enough to balance. */
  static final int SIZE = 1 << 15;

  private QueryBlocks() {}

  /** The work of one block of queries [from, to). */
  @FunctionalInterface
  interface Body<R> {
    R run(int from, int to);
  }

  /** Runs {@code body} on every block of [0, n); the results in block order. */
  static <R> List<R> map(int n, Body<R> body) {
    int blocks = Math.max(1, (n + SIZE - 1) / SIZE);
    if (blocks == 1) {
      return List.of(body.run(0, n));
    }
    Object[] out = new Object[blocks];
    IntStream.range(0, blocks).parallel().forEach(b -> out[b] = body.run(b * SIZE, Math.min(n, (b + 1) * SIZE)));
    @SuppressWarnings("unchecked")
    List<R> results = (List<R>) Arrays.asList(out);
    return results;
  }
}
