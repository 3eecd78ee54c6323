package io.allot.solve;

import java.util.List;

/** The price search's passes over one JVM's arrays, blocks on both cores ({@link QueryBlocks}). */
final class LocalQueryPasses implements QueryPasses {
  private final QueryView view;

  LocalQueryPasses(AssignmentProblem problem, FixedPointTable table, SideLimits limits) {
    this.view = new QueryView(problem, table, limits, 0);
  }

  @Override
  public int queryCount() {
    return view.problem().queryCount();
  }

  @Override
  public boolean local() {
    return true;
  }

  @Override
  public <R> List<R> map(Body<R> body) {
    return QueryBlocks.map(queryCount(), (from, to) -> body.run(view, from, to));
  }
}
