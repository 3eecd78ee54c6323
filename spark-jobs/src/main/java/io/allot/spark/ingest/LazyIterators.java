package io.allot.spark.ingest;

import java.util.Iterator;
import java.util.function.Function;

/**
 * Maps a partition's records one at a time as Spark pulls them. Collecting a partition into a
 * list first would hold a whole input file (a .jsonl.gz file is one partition) in a task's memory.
 */
final class LazyIterators {
  private LazyIterators() {}

  static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public B next() {
        return f.apply(in.next());
      }
    };
  }
}
