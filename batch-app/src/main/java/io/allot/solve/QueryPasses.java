package io.allot.solve;

import java.io.Serializable;
import java.util.List;

/**
 * Where the queries of the price search live: this JVM's arrays ({@link LocalQueryPasses}) or a
 * Spark cluster's cached slices ({@link SparkQueryPasses}). At fixed prices each query's best
 * option is independent of every other, so a pass is a map over fixed blocks of
 * {@link QueryBlocks#SIZE} queries; both places cut the queries into the same blocks and return
 * the results in block order, so the search sums the same numbers in the same order either way.
 */
interface QueryPasses {
  /** Queries in all blocks. */
  int queryCount();

  /** True when the blocks run in this JVM on the driver's own arrays (a pass may fill a choice array). */
  boolean local();

  /** The work of one block [from, to) of a view's queries (indexes local to the view). */
  @FunctionalInterface
  interface Body<R> extends Serializable {
    R run(QueryView view, int from, int to);
  }

  /** Merges two block results; must be exact and associative (integer sums), as slices merge first. */
  @FunctionalInterface
  interface Merge<R> extends Serializable {
    R merge(R a, R b);
  }

  /** Runs {@code body} on every block; the results in block order. */
  <R> List<R> map(Body<R> body);

  /** Runs {@code body} on every block and merges the results (in any grouping). */
  default <R> R reduce(Body<R> body, Merge<R> merge) {
    R out = null;
    for (R r : map(body)) {
      out = out == null ? r : merge.merge(out, r);
    }
    return out;
  }

  /**
   * Global index of query {@code from} of a view: views hold whole blocks, so offsets add. The
   * kinds of the view's options give their members' costs and the variance of their realised cost.
   */
  record QueryView(AssignmentProblem problem, FixedPointTable table, SideLimits limits, long offset,
      OptionKinds kinds) {
    /** A view whose options all have a fixed cost. */
    QueryView(AssignmentProblem problem, FixedPointTable table, SideLimits limits, long offset) {
      this(problem, table, limits, offset, OptionKinds.fixed(problem));
    }
  }
}
