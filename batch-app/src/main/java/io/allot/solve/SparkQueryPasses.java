package io.allot.solve;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

/**
 * The price search's passes as Spark jobs over slices of the night cached on the executors. A
 * slice is a run of whole {@link QueryBlocks#SIZE} blocks with its own arrays (quality, cost, the
 * nano-unit table and the passes' copy); it is built on the executor ({@link SliceSource}) and
 * never travels. A pass ships the prices out and brings back one small result per block (the
 * driver sums them in block order, as the local path does) or one merged result per slice.
 */
final class SparkQueryPasses implements QueryPasses, AutoCloseable {
  /** Builds slice s (queries [s x sliceQueries, ...)) on an executor, with the night's limits. */
  @FunctionalInterface
  interface SliceSource extends Serializable {
    QueryView build(int slice, long offset, int queries);
  }

  private final JavaRDD<QueryView> slices;
  private final int queryCount;

  /**
   * @param sliceBlocks blocks of {@link QueryBlocks#SIZE} queries per slice (one Spark partition)
   */
  SparkQueryPasses(JavaSparkContext spark, int queryCount, int sliceBlocks, SliceSource source) {
    this(drawn(spark, queryCount, sliceBlocks, source), queryCount);
  }

  /**
   * Slices built elsewhere (e.g. from the scored Parquet, {@link ScoredSlices}): partition s holds
   * exactly one view, slice s, of {@link #sliceQueries} whole blocks from offset s x that.
   */
  SparkQueryPasses(JavaRDD<QueryView> built, int queryCount) {
    this.queryCount = queryCount;
    this.slices = built.persist(StorageLevel.MEMORY_ONLY());
    int count = built.getNumPartitions();
    long counted = slices.count(); // builds and caches every slice now, so the first pass is a pass
    if (counted != count) {
      throw new IllegalStateException("built " + counted + " of " + count + " query slices");
    }
  }

  /** Queries per slice; checks the setting. */
  static long sliceQueries(int sliceBlocks) {
    if (sliceBlocks < 1) {
      throw new IllegalArgumentException("allot.solver.distributed.slice-blocks must be >= 1, got " + sliceBlocks);
    }
    return (long) sliceBlocks * QueryBlocks.SIZE;
  }

  /** Slices of a night of n queries: at least one, so an empty night still has its (empty) slice. */
  static int sliceCount(long queryCount, long sliceQueries) {
    return (int) Math.max(1, (queryCount + sliceQueries - 1) / sliceQueries);
  }

  private static JavaRDD<QueryView> drawn(JavaSparkContext spark, int queryCount, int sliceBlocks,
      SliceSource source) {
    long sliceQueries = sliceQueries(sliceBlocks);
    int count = sliceCount(queryCount, sliceQueries);
    List<Integer> ids = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      ids.add(s);
    }
    int n = queryCount;
    return spark.parallelize(ids, count).map(s -> {
      long offset = s * sliceQueries;
      return source.build(s, offset, (int) Math.min(sliceQueries, n - offset));
    });
  }

  @Override
  public int queryCount() {
    return queryCount;
  }

  @Override
  public boolean local() {
    return false;
  }

  @Override
  public <R> List<R> map(Body<R> body) {
    List<List<R>> perSlice = slices.map(view -> {
      List<R> out = new ArrayList<>();
      int n = view.problem().queryCount();
      for (int from = 0; from < n || from == 0 && out.isEmpty(); from += QueryBlocks.SIZE) {
        out.add(body.run(view, from, Math.min(n, from + QueryBlocks.SIZE)));
      }
      return out;
    }).collect();
    List<R> all = new ArrayList<>();
    perSlice.forEach(all::addAll);
    return all;
  }

  @Override
  public <R> R reduce(Body<R> body, Merge<R> merge) {
    return slices.map(view -> {
      R out = null;
      int n = view.problem().queryCount();
      for (int from = 0; from < n || from == 0 && out == null; from += QueryBlocks.SIZE) {
        R r = body.run(view, from, Math.min(n, from + QueryBlocks.SIZE));
        out = out == null ? r : merge.merge(out, r);
      }
      return out;
    }).reduce(merge::merge);
  }

  /** Runs {@code body} once per slice (e.g. to write its part of the assignment); results in slice order. */
  <R> List<R> perSlice(Body<R> body) {
    return slices.map(view -> body.run(view, 0, view.problem().queryCount())).collect();
  }

  @Override
  public void close() {
    slices.unpersist(false);
  }
}
